/** Name of the Bull queue of async AI jobs and their callbacks. */
export const AI_QUEUE_NAME = 'ai';

/** Injection token of the Bull queue `ai`. */
export const AI_QUEUE = Symbol('aiwire:ai:queue');

/** Injection token of the Bull client factory whose shared client the module also uses. */
export const AI_CLIENTS = Symbol('aiwire:ai:clients');

/** Injection token of the ioredis client for limits, cache, locks, budgets and jobs. */
export const AI_REDIS = Symbol('aiwire:ai:redis');

/** Metadata key of `@CacheAiResult`; also exposed as `CacheAiResult.KEY`. */
export const CACHE_AI_RESULT_METADATA = 'aiwire:ai:cache-result';

/** Name of the custom Bull backoff strategy (exponential with full jitter). */
export const CALLBACK_BACKOFF = 'aiwire-ai-callback';

/** Every default of the module's options, in one place. */
export const DEFAULT_AI_OPTIONS = {
  keyPrefix: 'aiwire:ai',
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 60_000,
  timeoutMs: 60_000,
  deadlineMs: 120_000,
  cacheTtlSeconds: 3600,
  cacheResultLockTtlMs: 65_000,
  cacheResultWaitMs: 60_000,
  circuitFailureThreshold: 5,
  circuitWindowMs: 30_000,
  circuitCooldownMs: 30_000,
  /** `limits.<name>.maxWaitMs` of a provider that sets none. */
  rateLimitMaxWaitMs: 30_000,
  jobsWorkers: true,
  jobsConcurrency: 5,
  jobResultTtlSeconds: 86_400,
  callbackAttempts: 8,
  callbackBackoffMs: 1000,
  callbackMaxBackoffMs: 3_600_000,
  callbackTimeoutMs: 10_000,
  queuePrefix: 'aiwire',
  routesPath: 'ai',
  summaryMaxWords: 60,
} as const;
