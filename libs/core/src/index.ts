/**
 * @publicApi The type patterns of `@OnWebhook` and of flow webhook triggers: `*` matches any run of characters, without backtracking.
 */
export { compilePattern } from './text/glob-pattern.js';
export { createRedisClient, createRedisConnection, createBullClientFactory, closeRedis } from './redis/redis-connection.js';
export type { RedisConnectionOptions, RedisConnectionConfig, RedisClient, BullClientFactory, BullClientFactoryOptions } from './redis/redis-connection.js';
export { isClusterConfig, isClusterClient } from './redis/redis-cluster.js';
export type { RedisClusterOptions, RedisClusterNodeAddress } from './redis/redis-cluster.js';
export { resolveKeyPrefix, assertSameHashTag, redisHashTag, toHashTaggedPrefix } from './redis/redis-key-prefix.js';
export { waitForRedisReady } from './redis/redis-ready.js';
export { watchRedisAvailability } from './redis/redis-availability.js';
export type { RedisAvailabilityHandlers } from './redis/redis-availability.js';
export type { WaitForRedisReadyOptions } from './redis/redis-ready.js';
export { RedisScript } from './redis/redis-script.js';
export { ignoreWorkerNameFailures } from './redis/bull-worker-name.js';
export { redactRedisError, withRedactedRedisErrors } from './redis/redis-error.js';
export { connectRedis, connectBullClients, logQueueErrors, closeQueue, failFastOptions } from './redis/redis-lifecycle.js';
export type { LifecycleLogger, RedisLifecycleOptions } from './redis/redis-lifecycle.js';

export { computeBackoff } from './retry/backoff.js';
export type { BackoffOptions, JitterMode } from './retry/backoff.js';
export { retryAfterMs, capDelay, readHeader } from './retry/retry-after.js';
export type { HeadersLike, HeaderValue } from './retry/retry-after.js';

export { RedisTokenBucket } from './rate-limit/redis-token-bucket.js';
export type { BucketSpec, BucketLimits, BucketReport, TakeResult, AcquireOptions, GrantRecord } from './rate-limit/redis-token-bucket.js';

export { CircuitBreaker } from './circuit/circuit-breaker.js';
export type { CircuitBreakerOptions, CircuitState } from './circuit/circuit-breaker.js';

export { RedisLock } from './lock/redis-lock.js';
export type { LockAcquireOptions, LockOrDone } from './lock/redis-lock.js';

export { createChannel } from './diagnostics/channel.js';
export type { TypedChannel, ChannelListener } from './diagnostics/channel.js';

export { assertPublicUrl } from './net/ssrf-guard.js';
export type { SsrfGuardOptions, PublicUrl, LookupFunction, ResolvedAddress } from './net/ssrf-guard.js';
export { isPublicAddress, classifyAddress } from './net/public-address.js';
export type { AddressKind } from './net/public-address.js';

export { sleep } from './time/sleep.js';
/** @internal Shared by the redactors of @aiwire/core and @aiwire/connectors. */
export { copyDeep, someDeep, isWalkable, COPY_AS_IS } from './object/deep-copy.js';
export type { DeepVisitor } from './object/deep-copy.js';

export { RateLimitTimeoutError } from './errors/rate-limit-timeout.error.js';
export { CircuitOpenError } from './errors/circuit-open.error.js';
export { LockTimeoutError } from './errors/lock-timeout.error.js';
export { SsrfBlockedError } from './errors/ssrf-blocked.error.js';
export { RedisConfigurationError } from './errors/redis-configuration.error.js';
export type { RedisConfigurationProblem } from './errors/redis-configuration.error.js';

/** @publicApi Standard Webhooks signing (pure node:crypto), shared by the webhooks `standard` scheme and AI job callbacks. */
export { signStandardWebhook, standardWebhookDigest, decodeStandardWebhookSecret, STANDARD_WEBHOOK_HEADERS, STANDARD_WEBHOOK_VERSION } from './signing/standard-webhooks.js';
/** @publicApi */
export type { StandardWebhookMessage, StandardWebhookHeaders } from './signing/standard-webhooks.js';

export { currentCorrelation, runWithCorrelation, enableCorrelation } from './context/correlation.js';
export type { CorrelationContext } from './context/correlation.js';

export { env, isSecretRef } from './secrets/secret-ref.js';
export type { Secret, SecretRef } from './secrets/secret-ref.js';
export { currentInstrumentation, registerInstrumentation } from './context/instrumentation.js';
export type { Instrumentation, InstrumentedSpan, ProducerSpan, SpanOutcome, SpanAttributes, SpanAttributeValue, TraceCarrier } from './context/instrumentation.js';
