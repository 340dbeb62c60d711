import { SetMetadata, type ExecutionContext } from '@nestjs/common';
import { MonitoringConfigurationError } from '../errors/monitoring-configuration.error.js';
import { cachingMessages } from './caching.messages.js';

export const CACHE_TTL_METADATA = 'aiwire:monitoring:cache-ttl';
export const CACHE_KEY_METADATA = 'aiwire:monitoring:cache-key';

/**
 * Seconds to keep this request's response, decided per request; `undefined` (or 0) leaves it uncached.
 * @publicApi
 */
export type CacheTtlFactory = (context: ExecutionContext) => number | undefined | Promise<number | undefined>;

/**
 * This request's cache key, decided per request; `undefined` leaves it uncached.
 * @publicApi
 */
export type CacheKeyFactory = (context: ExecutionContext) => string | undefined;

/**
 * The type of `CacheTTL`: the decorator factory plus its metadata key.
 * @publicApi
 */
export interface CacheTtlDecorator {
  (ttl: number | CacheTtlFactory): MethodDecorator & ClassDecorator;
  /** The metadata key, for tooling that reads it itself. */
  readonly KEY: string;
}

/**
 * The type of `CacheKey`: the decorator factory plus its metadata key.
 * @publicApi
 */
export interface CacheKeyDecorator {
  (key: string | CacheKeyFactory): MethodDecorator;
  /** The metadata key, for tooling that reads it itself. */
  readonly KEY: string;
}

/**
 * How long `CachingInterceptor` keeps a response, in **SECONDS** (`@CacheTTL(60)` is one minute;
 * fractions such as `0.5` work). Unlike `@nestjs/cache-manager` v2+, whose `@CacheTTL` takes
 * MILLISECONDS: `@CacheTTL(60000)` here is almost 17 hours. On a method, or on a controller for
 * all its methods (the method's wins). A function decides per request.
 * @default 5 (the interceptor's `defaultTtlSeconds`)
 * @publicApi
 */
export const CacheTTL: CacheTtlDecorator = Object.assign(
  (ttl: number | CacheTtlFactory): MethodDecorator & ClassDecorator => {
    if (typeof ttl !== 'function' && !isTtl(ttl)) throw new MonitoringConfigurationError(cachingMessages.badTtl(ttl));
    return SetMetadata(CACHE_TTL_METADATA, ttl);
  },
  { KEY: CACHE_TTL_METADATA },
);

/**
 * The name of this method's cache entry instead of its route, path parameters and query string
 * (e.g. one entry for two routes). The entry is still kept per user: `@CacheKey` never shares a
 * response between users — override `trackBy` for that. A function decides per request.
 * @default the route template with its path parameters and sorted query string
 * @publicApi
 */
export const CacheKey: CacheKeyDecorator = Object.assign(
  (key: string | CacheKeyFactory): MethodDecorator => {
    if (typeof key !== 'function' && (typeof key !== 'string' || key.length === 0)) throw new MonitoringConfigurationError(cachingMessages.badKey(key));
    return SetMetadata(CACHE_KEY_METADATA, key);
  },
  { KEY: CACHE_KEY_METADATA },
);

/** A usable TTL in seconds: finite and above zero. */
export function isTtl(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
