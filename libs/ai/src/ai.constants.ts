/**
 * Name of the Bull queue of async AI jobs and their callbacks.
 * @publicApi
 */
export const AI_QUEUE_NAME = 'ai';

/**
 * Injection token of the Bull queue `ai`.
 * @publicApi
 */
export const AI_QUEUE = Symbol('aiwire:ai:queue');

/** Injection token of the Bull client factory of the queue `ai` (its connections, closed at shutdown). */
export const AI_CLIENTS = Symbol('aiwire:ai:clients');

/** Injection token of the Redis (or Redis Cluster) connection for limits, cache, locks, budgets and jobs. */
export const AI_REDIS = Symbol('aiwire:ai:redis');

/** Injection token of the `ResolvedAiOptions`: the module's options with every default merged, once. */
export const AI_OPTIONS = Symbol('aiwire:ai:options');

/**
 * Metadata key of `@CacheAiResult`; also exposed as `CacheAiResult.KEY`.
 * @publicApi
 */
export const CACHE_AI_RESULT_METADATA = 'aiwire:ai:cache-result';

/** Name of the custom Bull backoff strategy (exponential with full jitter). */
export const CALLBACK_BACKOFF = 'aiwire-ai-callback';
