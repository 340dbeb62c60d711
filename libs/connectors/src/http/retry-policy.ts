import { computeBackoff } from '@aiwire/core';
import type { ProviderDialect } from '../dialects/provider-dialect.interface.js';
import type { RetryOptions } from '../interfaces/resilience-options.interface.js';
import { isNotConnected, isPermanentNetworkError, type AttemptOutcome } from './attempt-outcome.js';

export type ResolvedRetryOptions = Required<Omit<RetryOptions, 'methods'>> & { readonly methods: ReadonlySet<string> };

/** Whether to try again, after how long, and why. `retryAfterMs` is what the provider asked for, kept for the error. */
export interface RetryDecision {
  readonly retry: boolean;
  readonly delayMs: number;
  readonly reason: string;
  readonly retryAfterMs?: number;
}

const NO: RetryDecision = { retry: false, delayMs: 0, reason: 'final' };

/**
 * Answers that say the request was not processed, so resending it is safe whatever its method:
 * 429 (refused before processing, RFC 6585), 408 (the server did not receive the whole request,
 * RFC 9110 §15.5.9) and 503 with a wait the provider asked for (unavailable, come back then).
 */
function notProcessed(status: number, asked: number | undefined): boolean {
  return status === 429 || status === 408 || (status === 503 && asked !== undefined);
}

/**
 * The retry rule: network errors, timeouts, 408, 429 and 5xx are retried (unless the provider
 * says otherwise), after the wait the provider asked for or an exponential backoff with jitter.
 * A call that may have been processed (timeout, lost connection, 5xx) is resent only when it is
 * `resendable` — an idempotent method, an idempotency key the API honours, or the caller's say-so —
 * because a second POST could post the message or create the ticket twice. A refused connection
 * and the answers of {@link notProcessed} never reached the handler, so any call is resent.
 */
export function decideRetry(
  outcome: Exclude<AttemptOutcome, { kind: 'success' }>,
  retriesUsed: number,
  resendable: boolean,
  policy: ResolvedRetryOptions,
  dialect: ProviderDialect,
): RetryDecision {
  const backoff = (): number => computeBackoff(retriesUsed + 1, { baseMs: policy.baseDelayMs, maxMs: policy.maxDelayMs, jitter: 'equal' });
  const left = retriesUsed < policy.maxRetries;

  if (outcome.kind === 'timeout') return left && resendable ? { retry: true, delayMs: backoff(), reason: 'timeout' } : NO;
  if (outcome.kind === 'network') {
    if (isPermanentNetworkError(outcome.code) || !left) return NO;
    return isNotConnected(outcome.code) || resendable ? { retry: true, delayMs: backoff(), reason: 'network' } : NO;
  }

  const { res, error } = outcome;
  const advice = dialect.shouldRetry(res, error);
  const asked = dialect.retryAfterMs(res, Date.now());
  const withAsk = asked === undefined ? {} : { retryAfterMs: asked };
  const retryable = advice ?? (res.status === 408 || res.status === 429 || (res.status >= 500 && res.status !== 501 && res.status !== 505));
  // `advice === true` is the provider saying a resend is safe (Stripe-Should-Retry, Slack's ratelimited).
  const allowed = resendable || advice === true || notProcessed(res.status, asked);
  if (!retryable || !allowed || !left) return { ...NO, ...withAsk };
  if (asked !== undefined && asked > policy.maxRetryAfterMs) return { ...NO, ...withAsk, reason: 'retry-after too long' };
  return { retry: true, delayMs: asked ?? backoff(), reason: String(res.status), ...withAsk };
}
