import { CACHE_AI_RESULT_METADATA } from '../ai.constants.js';

/**
 * Options of `@CacheAiResult`.
 * @publicApi
 */
export interface CacheAiResultOptions {
  /** How long a result is kept, in seconds. @default the module's cache.ttlSeconds, else 3600 */
  ttlSeconds?: number;
  /** Name of the cache entry family. @default `${ClassName}.${methodName}` */
  key?: string;
  /** Longest hold of the cross-process single-flight lock, in ms (a crashed holder frees it after this). @default 65000 */
  lockTtlMs?: number;
  /** Longest wait for an identical call in flight (this process or another) before running the method anyway, in ms. @default 60000 */
  waitMs?: number;
}

/**
 * The type of `CacheAiResult`: the decorator factory plus its metadata key.
 * @publicApi
 */
export interface CacheAiResultDecorator {
  (options?: CacheAiResultOptions): MethodDecorator;
  /** The metadata key, for tooling that reads it itself. */
  readonly KEY: string;
}

/**
 * Caches what the method resolves to, keyed by its arguments (canonical JSON, sha256), in the
 * AI module's Redis; identical concurrent calls, in one process or many, run it once. Results
 * must be JSON-serialisable; a throw is not cached. Works on singleton providers.
 * @publicApi
 */
export const CacheAiResult: CacheAiResultDecorator = Object.assign(
  (options: CacheAiResultOptions = {}): MethodDecorator =>
    (_target, _key, descriptor) => {
      Reflect.defineMetadata(CACHE_AI_RESULT_METADATA, options, descriptor.value as object);
      return descriptor;
    },
  { KEY: CACHE_AI_RESULT_METADATA },
);
