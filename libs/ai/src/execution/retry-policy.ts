import { CircuitOpenError, RateLimitTimeoutError, capDelay, computeBackoff } from '@aiwire/core';
import { AiNetworkError } from '../errors/ai-network.error.js';
import { AiOutputValidationError } from '../errors/ai-output-validation.error.js';
import { AiProviderError } from '../errors/ai-provider.error.js';
import { AiResponseValidationError } from '../errors/ai-response-validation.error.js';
import { AiTimeoutError } from '../errors/ai-timeout.error.js';
import { BudgetExceededError } from '../errors/budget-exceeded.error.js';
import { ProviderCapabilityError } from '../errors/provider-capability.error.js';
import type { FailureReason } from '../interfaces/chat.interface.js';

export interface Verdict {
  retryable: boolean;
  /** Why the provider is given up if no retry follows. */
  reason: FailureReason;
  retryAfterMs?: number;
  /** The provider itself is unwell (5xx, 529, timeouts, network), which the circuit breaker counts. */
  unhealthy: boolean;
  status?: number;
}

/** What one failed attempt means for the retry loop, the circuit breaker and the fallback record. */
export function judge(error: unknown, deterministic: boolean): Verdict {
  if (error instanceof AiProviderError) {
    if (error.quotaExhausted) return { retryable: false, reason: 'quota_exhausted', unhealthy: false, status: error.status };
    const unhealthy = error.status >= 500;
    const reason: FailureReason = !error.retryable ? 'rejected' : error.status === 429 ? 'rate_limited' : 'retries_exhausted';
    return { retryable: error.retryable, reason, unhealthy, status: error.status, ...(error.retryAfterMs !== undefined && { retryAfterMs: error.retryAfterMs }) };
  }
  if (error instanceof AiTimeoutError) {
    return error.kind === 'deadline' ? { retryable: false, reason: 'deadline', unhealthy: false } : { retryable: true, reason: 'retries_exhausted', unhealthy: true };
  }
  if (error instanceof AiNetworkError || error instanceof AiResponseValidationError) return { retryable: true, reason: 'retries_exhausted', unhealthy: true };
  // The same model and prompt may answer well next time; the embedded one would not.
  if (error instanceof AiOutputValidationError) return { retryable: !deterministic, reason: 'invalid_output', unhealthy: false };
  if (error instanceof ProviderCapabilityError) return { retryable: false, reason: 'capability', unhealthy: false };
  if (error instanceof BudgetExceededError) return { retryable: false, reason: 'budget_exceeded', unhealthy: false };
  if (error instanceof CircuitOpenError) return { retryable: false, reason: 'circuit_open', unhealthy: false };
  if (error instanceof RateLimitTimeoutError) return { retryable: false, reason: 'rate_limited', unhealthy: false };
  return { retryable: false, reason: 'rejected', unhealthy: false };
}

export interface DelayOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  random?: () => number;
}

/**
 * The wait before retry number `retry` (1 = first): what the server asked for (`retry-after-ms`,
 * `retry-after`), else exponential backoff with full jitter; never more than `maxDelayMs`.
 */
export function retryDelay(retry: number, verdict: Verdict, options: DelayOptions): number {
  const backoff = (): number => computeBackoff(retry, { baseMs: options.baseDelayMs, maxMs: options.maxDelayMs, jitter: 'full', ...(options.random && { random: options.random }) });
  return capDelay(verdict.retryAfterMs ?? backoff(), options.maxDelayMs);
}
