import { readHeader, retryAfterMs, type HeadersLike } from '@aiwire/core';
import { AiProviderError } from '../errors/ai-provider.error.js';
import type { RateLimitSnapshot } from '../interfaces/rate-limit-snapshot.interface.js';

/** The retryable statuses: 408, 409, 429, 500–504 and 529 (Anthropic's "overloaded"); no other 4xx or 5xx. */
const RETRYABLE = new Set([408, 409, 429, 500, 501, 502, 503, 504, 529]);

export interface ErrorFacts {
  provider: string;
  status: number;
  headers: HeadersLike;
  type?: string;
  code?: string;
  message: string;
  quotaExhausted: boolean;
  rateLimits?: RateLimitSnapshot;
}

/**
 * Builds the typed error and decides retryability: only the statuses above, never an account
 * that is out of quota or credit. `x-should-retry: false` from the server vetoes a retry;
 * `x-should-retry: true` cannot make any other status retryable (a 400 stays the request's fault).
 */
export function providerError(facts: ErrorFacts): AiProviderError {
  const { provider, status, headers, quotaExhausted } = facts;
  const vetoed = readHeader(headers, 'x-should-retry')?.trim().toLowerCase() === 'false';
  const retryable = !quotaExhausted && !vetoed && RETRYABLE.has(status);
  const requestId = readHeader(headers, 'x-request-id') ?? readHeader(headers, 'request-id');
  const error = new AiProviderError(provider, status, facts.type, facts.code, facts.message, retryable, retryAfterMs(headers), requestId, quotaExhausted);
  if (facts.rateLimits) error.rateLimits = facts.rateLimits;
  return error;
}

/** A short, log-safe excerpt of a non-JSON error body (gateways answer HTML). */
export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat || '(empty body)';
}
