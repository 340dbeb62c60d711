import { retryAfterMs } from '@aiwire/core';
import type { ParsedResponse, ProviderDialect, ProviderError, RateLimitState } from './provider-dialect.interface.js';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** A provider error with only the parts the answer had. */
export const providerError = (code: string | undefined, message: string | undefined): ProviderError => ({ ...(code && { code }), ...(message && { message }) });

/** The body of a failed answer as a record (`{}` when it is not one); undefined for a success. */
export const failedBody = (res: ParsedResponse): Record<string, unknown> | undefined => (res.status < 400 ? undefined : isRecord(res.body) ? res.body : {});

/**
 * Reads the error shapes most JSON APIs use: `{ error: { code, message } }`, OAuth's `{ error, error_description }`,
 * `{ code, message }`, `{ errors }`. Texts are whole: the client scrubs credentials, then cuts them.
 */
export function readGenericError(res: ParsedResponse): ProviderError {
  const body = res.body;
  if (typeof body === 'string') return { message: body };
  if (!isRecord(body)) return {};
  const nested = isRecord(body.error) ? body.error : undefined;
  const code = str(nested?.code) ?? str(nested?.type) ?? str(body.error) ?? str(body.code) ?? str(body.category) ?? str(body.error_code);
  const message = str(nested?.message) ?? str(body.error_description) ?? str(body.message) ?? describeErrors(body.errors);
  return providerError(code, message);
}

/** Shopify-style `errors`: a string, a list, or `{ field: ['message'] }`. */
export function describeErrors(errors: unknown): string | undefined {
  if (typeof errors === 'string') return errors;
  if (Array.isArray(errors)) return errors.map((e) => (isRecord(e) ? (str(e.message) ?? JSON.stringify(e)) : String(e))).join('; ') || undefined;
  if (isRecord(errors)) {
    return Object.entries(errors).map(([field, list]) => `${field} ${Array.isArray(list) ? list.join(', ') : String(list)}`).join('; ') || undefined;
  }
  return undefined;
}

/**
 * `Retry-After` first; else, when the budget is spent (`*-remaining: 0`), the reset of
 * `X-RateLimit-Reset` / `RateLimit-Reset` (epoch seconds as GitHub sends, or delta seconds).
 */
export function genericRetryAfterMs(res: ParsedResponse, nowMs: number): number | undefined {
  const asked = retryAfterMs(res.headers, nowMs);
  if (asked !== undefined) return asked;
  const state = genericRateLimitState(res, nowMs);
  return state && state.remaining <= 0 ? Math.max(0, state.resetAtMs - nowMs) : undefined;
}

function genericRateLimitState(res: ParsedResponse, nowMs: number): RateLimitState | undefined {
  const h = res.headers;
  const remainingText = h['x-ratelimit-remaining'] ?? h['ratelimit-remaining'];
  const resetText = h['x-ratelimit-reset'] ?? h['ratelimit-reset'];
  if (!remainingText || !resetText) return undefined;
  const remaining = Number(remainingText);
  const reset = Number(resetText);
  if (!Number.isFinite(remaining) || !Number.isFinite(reset)) return undefined;
  // Values past ~2001 in seconds are epoch timestamps (GitHub); small ones are a delay (IETF draft).
  const resetAtMs = reset > 1_000_000_000 ? reset * 1000 : nowMs + reset * 1000;
  return { remaining, resetAtMs };
}

/** The conventions most REST APIs follow; provider dialects override what differs. */
export const genericDialect: ProviderDialect = {
  service: 'rest',
  error: (res) => (res.status >= 400 ? readGenericError(res) : undefined),
  shouldRetry: () => undefined,
  retryAfterMs: genericRetryAfterMs,
  isUnauthorized: (res) => res.status === 401,
  rateLimitState: genericRateLimitState,
  requestId: (res) => res.headers['x-request-id'],
};
