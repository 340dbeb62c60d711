import type { HttpMethod } from './request-options.interface.js';

/**
 * Retries of one call: network errors, timeouts, 429 and 5xx, with backoff and jitter.
 * @publicApi
 */
export interface RetryOptions {
  /**
   * Retries after the first attempt (a 401 answered by a token refresh does not count).
   * @default 3
   */
  maxRetries?: number;
  /**
   * Backoff before the first retry when the provider names no wait; doubles each retry, "equal" jitter.
   * @default 500
   */
  baseDelayMs?: number;
  /**
   * Cap of the computed backoff, in ms.
   * @default 30_000
   */
  maxDelayMs?: number;
  /**
   * Longest wait a provider may ask for (`Retry-After`, rate-limit reset) that is still waited out;
   * a longer one fails the call at once with `retryAfterMs` set, so the caller can reschedule.
   * @default 60_000
   */
  maxRetryAfterMs?: number;
  /**
   * Methods resent after a failure that may have been processed (5xx, timeout, lost connection); others only with an idempotency key or `retry.idempotent` on the request.
   * @default ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'] (the idempotent ones; add 'POST' only for an API whose POSTs are safe to repeat)
   */
  methods?: readonly HttpMethod[];
}

/**
 * The connector's share of the provider's rate limit, as a token bucket in Redis shared by every process.
 * @publicApi
 */
export interface RateLimitOptions {
  /** Largest burst: requests that may go out at once. */
  capacity: number;
  /** Requests per second, refilled continuously. */
  refillPerSecond: number;
  /**
   * Longest wait for a slot before the call fails with `RateLimitTimeoutError`, in ms.
   * @default 30_000
   */
  maxWaitMs?: number;
  /**
   * Bucket name; connectors (or apps) using one set of credentials should share it.
   * @default the connector's name
   */
  key?: string;
}

/**
 * When to stop calling a failing provider (network errors, timeouts and 5xx count; 4xx do not).
 * @publicApi
 */
export interface CircuitBreakerOptions {
  /**
   * Failures within `windowMs` that open the circuit.
   * @default 5
   */
  failureThreshold?: number;
  /**
   * Sliding window for counting failures, in ms.
   * @default 30_000
   */
  windowMs?: number;
  /**
   * Time open before one trial call is let through, in ms.
   * @default 30_000
   */
  cooldownMs?: number;
}

/**
 * An idempotency header added to retried methods, the same value on every retry of one call.
 * @publicApi
 */
export interface IdempotencyOptions {
  /** Header name, e.g. `Idempotency-Key`. */
  header: string;
  /**
   * Methods that get the header.
   * @default ['POST']
   */
  methods?: readonly HttpMethod[];
}
