import { computeBackoff } from '@aiwire/core';
import type { ProviderDialect } from '../dialects/provider-dialect.interface.js';
import type { HttpMethod } from '../interfaces/request-options.interface.js';
import type { RetryOptions } from '../interfaces/resilience-options.interface.js';
import { isNotConnected, isPermanentNetworkError, type AttemptOutcome } from './attempt-outcome.js';

export type ResolvedRetryOptions = Required<Omit<RetryOptions, 'methods'>> & { readonly methods: ReadonlySet<string> | undefined };

/** Whether to try again, after how long, and why. `retryAfterMs` is what the provider asked for, kept for the error. */
export interface RetryDecision {
  readonly retry: boolean;
  readonly delayMs: number;
  readonly reason: string;
  readonly retryAfterMs?: number;
}

const NO: RetryDecision = { retry: false, delayMs: 0, reason: 'final' };

/**
 * The retry rule: network errors, timeouts, 408, 429 and 5xx are retried (unless the provider
 * says otherwise), after the wait the provider asked for or an exponential backoff with jitter.
 * 5xx, timeouts and lost connections are retried only for `methods`, or when an idempotency key
 * makes the retry safe; a 429 or a refused connection never reached the handler, so always.
 */
export function decideRetry(
  outcome: Exclude<AttemptOutcome, { kind: 'success' }>,
  retriesUsed: number,
  method: HttpMethod,
  idempotent: boolean,
  policy: ResolvedRetryOptions,
  dialect: ProviderDialect,
): RetryDecision {
  const backoff = (): number => computeBackoff(retriesUsed + 1, { baseMs: policy.baseDelayMs, maxMs: policy.maxDelayMs, jitter: 'equal' });
  const mayResend = idempotent || policy.methods === undefined || policy.methods.has(method);
  const left = retriesUsed < policy.maxRetries;

  if (outcome.kind === 'timeout') return left && mayResend ? { retry: true, delayMs: backoff(), reason: 'timeout' } : NO;
  if (outcome.kind === 'network') {
    if (isPermanentNetworkError(outcome.code) || !left) return NO;
    return isNotConnected(outcome.code) || mayResend ? { retry: true, delayMs: backoff(), reason: 'network' } : NO;
  }

  const { res, error } = outcome;
  const advice = dialect.shouldRetry(res, error);
  const asked = dialect.retryAfterMs(res, Date.now());
  const withAsk = asked === undefined ? {} : { retryAfterMs: asked };
  const retryable = advice ?? (res.status === 408 || res.status === 429 || (res.status >= 500 && res.status !== 501 && res.status !== 505));
  const allowed = res.status === 429 || advice === true || mayResend;
  if (!retryable || !allowed || !left) return { ...NO, ...withAsk };
  if (asked !== undefined && asked > policy.maxRetryAfterMs) return { ...NO, ...withAsk, reason: 'retry-after too long' };
  return { retry: true, delayMs: asked ?? backoff(), reason: String(res.status), ...withAsk };
}
