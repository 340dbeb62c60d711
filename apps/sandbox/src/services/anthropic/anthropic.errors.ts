import { base62 } from '../../http/ids.js';
import type { Reply } from '../../http/route.js';

export type AnthropicErrorType =
  | 'invalid_request_error' | 'authentication_error' | 'permission_error' | 'not_found_error' | 'request_too_large'
  | 'rate_limit_error' | 'api_error' | 'overloaded_error' | 'billing_error' | 'timeout_error';

/** Anthropic's envelope: `{ type: 'error', error: { type, message }, request_id }`. */
export function anthropicError(status: number, type: AnthropicErrorType, message: string, headers?: Record<string, string>, details?: Record<string, unknown>): Reply {
  return {
    status,
    body: { type: 'error', error: { type, message, ...(details && { details }) }, request_id: `req_011C${base62(20)}` },
    ...(headers && { headers }),
  };
}

export const invalidRequest = (message: string): Reply => anthropicError(400, 'invalid_request_error', message);
export const missingApiKey = (): Reply => anthropicError(401, 'authentication_error', 'x-api-key header is required');
export const invalidApiKey = (): Reply => anthropicError(401, 'authentication_error', 'invalid x-api-key');
export const notFound = (what: string): Reply => anthropicError(404, 'not_found_error', what);

export const spendLimitReached = (): Reply =>
  anthropicError(
    429,
    'rate_limit_error',
    "Your organization has reached its monthly spend limit for its usage tier. Access resumes at the start of next month (00:00 UTC), or when you move to a higher tier.",
    undefined,
    { error_code: 'enforced_spend_limit_reached' },
  );

export const creditBalanceTooLow = (): Reply =>
  invalidRequest('Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.');

/** The 429 of the limiter: which limit, and `retry-after` in whole seconds. */
export function rateLimited(limit: string, perMinute: number, retryAfterMs: number): Reply {
  const what = limit === 'requests' ? 'requests' : limit === 'input_tokens' ? 'input tokens' : 'output tokens';
  return anthropicError(
    429,
    'rate_limit_error',
    `This request would exceed the rate limit for your organization (sandbox) of ${perMinute} ${what} per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.`,
    { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
  );
}

/** What Anthropic answers with `status` (fault injection). A 200 fault is a truncated, unparseable body. */
export function anthropicFailure(status: number): Reply {
  switch (status) {
    case 200:
      return { status, body: '{"id":"msg_01Sandbox","type":"message","role":"assistant","content":[{"type":"te', headers: { 'Content-Type': 'application/json' } };
    case 400:
      return invalidRequest('messages: field required');
    case 401:
      return invalidApiKey();
    case 403:
      return anthropicError(403, 'permission_error', 'Your API key does not have permission to use the specified resource.');
    case 404:
      return notFound('The requested resource could not be found.');
    case 413:
      return anthropicError(413, 'request_too_large', 'Request exceeds the maximum allowed number of bytes.');
    case 429:
      return anthropicError(429, 'rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit (https://docs.claude.com/en/api/rate-limits); see the response headers for current usage.', { 'retry-after': '1' });
    case 504:
      return anthropicError(504, 'timeout_error', 'Request timed out.');
    case 529:
      return anthropicError(529, 'overloaded_error', 'Overloaded');
    default:
      return status >= 500 ? anthropicError(status, 'api_error', 'Internal server error') : invalidRequest('Invalid request.');
  }
}
