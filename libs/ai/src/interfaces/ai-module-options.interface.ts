import type { RedisConnectionConfig } from '@aiwire/core';
import type { ModelPrice, ProviderLimits, ProviderOptions } from './provider-options.interface.js';

/**
 * Retries of one provider, timeouts and the overall deadline.
 * @publicApi
 */
export interface AiRetryOptions {
  /** Retries after the first attempt, per provider. @default 3 */
  maxRetries?: number;
  /** Backoff before the first retry (doubling, full jitter), in ms. @default 500 */
  baseDelayMs?: number;
  /** Cap of any wait between attempts, `retry-after` included, in ms. @default 60000 */
  maxDelayMs?: number;
  /** Timeout of one HTTP attempt, in ms. @default 60000 */
  timeoutMs?: number;
  /** Longest total time of one call (limiter waits, retries, fallbacks), in ms. @default 120000 */
  deadlineMs?: number;
}

/**
 * The per-provider circuit breaker: after repeated server failures a provider is skipped for a while.
 * @publicApi
 */
export interface AiCircuitOptions {
  /** Server failures (5xx, 529, timeouts, network) within `windowMs` that open the circuit. @default 5 */
  failureThreshold?: number;
  /** @default 30000 */
  windowMs?: number;
  /** How long an open circuit skips the provider before a trial call, in ms. @default 30000 */
  cooldownMs?: number;
}

/**
 * The Redis cache of answers, with cross-process single-flight.
 * @publicApi
 */
export interface AiCacheOptions {
  /** How long answers are kept, in seconds. @default 3600 */
  ttlSeconds?: number;
  /** How long one process holds the cross-process single-flight lock at most, in ms. @default the deadline + 5000 */
  lockTtlMs?: number;
}

/**
 * Async jobs on the Bull queue `ai` and their signed completion callbacks.
 * @publicApi
 */
export interface AiJobsOptions {
  /** Standard Webhooks secret (`whsec_…`) that signs completion callbacks; required to use callbackUrl. @default undefined */
  callbackSecret?: string;
  /** Hosts exempt from the SSRF guard (`host` or `host:port`), e.g. an internal service. @default [] */
  callbackAllowHosts?: readonly string[];
  /** Run job workers in this process. @default true */
  workers?: boolean;
  /** Jobs run at once by this process. @default 5 */
  concurrency?: number;
  /** How long job states and results are kept, in seconds. @default 86400 */
  resultTtlSeconds?: number;
  /** Callback deliveries, the first included, before giving up. @default 8 */
  callbackAttempts?: number;
  /** First callback retry delay (doubling, full jitter, capped at 1 h), in ms. @default 1000 */
  callbackBackoffMs?: number;
  /** Deadline of one whole callback delivery (address check, connect, send, response headers and body), in ms; a slower receiver fails the attempt, which is retried. @default 10000 */
  callbackTimeoutMs?: number;
  /** Redis key prefix of the Bull queue `ai`; on a Redis Cluster it needs a hash tag (`{aiwire}`). @default 'aiwire' ('{aiwire}' on a cluster) */
  queuePrefix?: string;
}

/**
 * Options of `AiModule.forRoot` / `forRootAsync`.
 * @publicApi
 */
export interface AiModuleOptions {
  /**
   * Where limits, cache, locks, budgets and jobs live: one Redis (`{ url }`, ioredis options or a
   * client, duplicated) or a Redis Cluster (`{ cluster: { nodes: ['redis://10.0.0.1:6379', …] } }`
   * or an ioredis `Cluster`, duplicated). On a cluster `keyPrefix` and `jobs.queuePrefix` need a hash tag.
   * @default none (required)
   */
  redis: RedisConnectionConfig;
  /** Providers by the name calls use. Providers without a usable key are skipped; with none usable, `local` serves. */
  providers: Record<string, ProviderOptions>;
  /** Provider asked when a call names none. @default the first usable provider in `fallback`, else in `providers` */
  defaultProvider?: string;
  /** Order in which providers are tried after the first fails for good. @default [] */
  fallback?: readonly string[];
  /** Rate limits and daily budgets per provider name. @default {} */
  limits?: Record<string, ProviderLimits>;
  /** Cache answers in Redis (with cross-process single-flight). @default off */
  cache?: AiCacheOptions;
  retry?: AiRetryOptions;
  circuit?: AiCircuitOptions;
  jobs?: AiJobsOptions;
  /** Prices per model (USD per million tokens), merged over the built-in table; matched by exact name, then longest prefix. @default DEFAULT_PRICES */
  prices?: Record<string, ModelPrice>;
  /** Prefix of every Redis key the module writes (except Bull's); on a Redis Cluster it needs a hash tag (`{aiwire}:ai`). @default 'aiwire:ai' ('{aiwire}:ai' on a cluster) */
  keyPrefix?: string;
}

/**
 * Options known when the module is declared (they shape routes, so they cannot be async).
 * @publicApi
 */
export interface AiModuleExtras {
  /** Mount `POST /{path}/jobs` and `GET /{path}/jobs/:id` (no auth of their own: guard them). @default false */
  routes?: boolean | { path?: string };
  /** Register the module globally so AiService and AiJobsService can be injected anywhere. @default false */
  isGlobal?: boolean;
}
