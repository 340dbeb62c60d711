import { CircuitOpenError, RateLimitTimeoutError } from '@aiwire/core';
import { AiNetworkError } from '../errors/ai-network.error.js';
import { AiOutputValidationError } from '../errors/ai-output-validation.error.js';
import { AiProviderError } from '../errors/ai-provider.error.js';
import { AiResponseValidationError } from '../errors/ai-response-validation.error.js';
import { AiTimeoutError } from '../errors/ai-timeout.error.js';
import { BudgetExceededError } from '../errors/budget-exceeded.error.js';
import { ProviderCapabilityError } from '../errors/provider-capability.error.js';
import { judge, retryDelay } from './retry-policy.js';

const http = (status: number, retryable: boolean, retryAfterMs?: number, quota = false) =>
  new AiProviderError('p', status, 'type', 'code', 'message', retryable, retryAfterMs, undefined, quota);

describe('judge', () => {
  it.each([
    [http(429, true, 500), { retryable: true, reason: 'rate_limited', unhealthy: false, status: 429, retryAfterMs: 500 }],
    [http(529, true), { retryable: true, reason: 'retries_exhausted', unhealthy: true, status: 529 }],
    [http(500, true), { retryable: true, reason: 'retries_exhausted', unhealthy: true, status: 500 }],
    [http(429, false, undefined, true), { retryable: false, reason: 'quota_exhausted', unhealthy: false, status: 429 }],
    [http(400, false), { retryable: false, reason: 'rejected', unhealthy: false, status: 400 }],
    [new AiTimeoutError('p', 'attempt', 10), { retryable: true, reason: 'retries_exhausted', unhealthy: true }],
    [new AiTimeoutError('p', 'deadline', 10), { retryable: false, reason: 'deadline', unhealthy: false }],
    [new AiNetworkError('p', 'ECONNRESET'), { retryable: true, reason: 'retries_exhausted', unhealthy: true }],
    [new AiResponseValidationError('p', 'bad'), { retryable: true, reason: 'retries_exhausted', unhealthy: true }],
    [new AiOutputValidationError('p', ['x']), { retryable: true, reason: 'invalid_output', unhealthy: false }],
    [new ProviderCapabilityError('p', 'no'), { retryable: false, reason: 'capability', unhealthy: false }],
    [new BudgetExceededError('p', 2, 1), { retryable: false, reason: 'budget_exceeded', unhealthy: false }],
    [new CircuitOpenError('p', 10), { retryable: false, reason: 'circuit_open', unhealthy: false }],
    [new RateLimitTimeoutError(['k'], 10, 5), { retryable: false, reason: 'rate_limited', unhealthy: false }],
    [new TypeError('bug'), { retryable: false, reason: 'rejected', unhealthy: false }],
  ])('%s', (error, verdict) => {
    expect(judge(error, false)).toEqual(verdict);
  });

  it('does not retry invalid output from a deterministic provider (local would say the same again)', () => {
    expect(judge(new AiOutputValidationError('local', ['x']), true).retryable).toBe(false);
  });
});

describe('retryDelay (fake randomness)', () => {
  const options = { baseDelayMs: 500, maxDelayMs: 60_000 };

  it('uses what the server asked for, capped', () => {
    expect(retryDelay(1, { retryable: true, reason: 'rate_limited', unhealthy: false, retryAfterMs: 1234 }, options)).toBe(1234);
    expect(retryDelay(1, { retryable: true, reason: 'rate_limited', unhealthy: false, retryAfterMs: 120_000 }, options)).toBe(60_000);
  });

  it('otherwise backs off exponentially with full jitter', () => {
    const verdict = { retryable: true, reason: 'retries_exhausted' as const, unhealthy: true };
    expect(retryDelay(1, verdict, { ...options, random: () => 0.999 })).toBe(499);
    expect(retryDelay(3, verdict, { ...options, random: () => 0.5 })).toBe(1000);
    expect(retryDelay(3, verdict, { ...options, random: () => 0 })).toBe(0);
    expect(retryDelay(20, verdict, { ...options, random: () => 0.999 })).toBe(59_940);
  });
});
