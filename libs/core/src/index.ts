export { createRedisClient, createBullClientFactory } from './redis/redis-connection.js';
export type { RedisConnectionOptions, BullClientFactory, BullClientFactoryOptions } from './redis/redis-connection.js';
export { RedisScript } from './redis/redis-script.js';
export { ignoreWorkerNameFailures } from './redis/bull-worker-name.js';

export { computeBackoff } from './retry/backoff.js';
export type { BackoffOptions, JitterMode } from './retry/backoff.js';
export { retryAfterMs, capDelay, readHeader } from './retry/retry-after.js';
export type { HeadersLike, HeaderValue } from './retry/retry-after.js';

export { RedisTokenBucket } from './rate-limit/redis-token-bucket.js';
export type { BucketSpec, BucketLimits, TakeResult, AcquireOptions } from './rate-limit/redis-token-bucket.js';

export { CircuitBreaker } from './circuit/circuit-breaker.js';
export type { CircuitBreakerOptions, CircuitState } from './circuit/circuit-breaker.js';

export { RedisLock } from './lock/redis-lock.js';
export type { LockAcquireOptions } from './lock/redis-lock.js';

export { createChannel } from './diagnostics/channel.js';
export type { TypedChannel, ChannelListener } from './diagnostics/channel.js';

export { assertPublicUrl } from './net/ssrf-guard.js';
export type { SsrfGuardOptions, PublicUrl, LookupFunction, ResolvedAddress } from './net/ssrf-guard.js';
export { isPublicAddress, classifyAddress } from './net/public-address.js';
export type { AddressKind } from './net/public-address.js';

export { sleep } from './time/sleep.js';

export { RateLimitTimeoutError } from './errors/rate-limit-timeout.error.js';
export { CircuitOpenError } from './errors/circuit-open.error.js';
export { LockTimeoutError } from './errors/lock-timeout.error.js';
export { SsrfBlockedError } from './errors/ssrf-blocked.error.js';
