import type { Reply } from '../../http/route.js';
import { formatGoDuration } from '../llm/go-duration.js';
import type { LimitState } from '../llm/llm-quota.js';

/** OpenAI's error envelope: `{ error: { message, type, param, code } }`. */
export function openAiError(status: number, message: string, type: string, code: string | null = null, param: string | null = null, headers?: Record<string, string>): Reply {
  return { status, body: { error: { message, type, param, code } }, ...(headers && { headers }) };
}

export const missingApiKey = (): Reply =>
  openAiError(
    401,
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
    'invalid_request_error',
  );

/** OpenAI shows the key's first and last characters only. */
export function invalidApiKey(key: string): Reply {
  const masked = key.length > 8 ? `${key.slice(0, 3)}${'*'.repeat(Math.min(20, key.length - 7))}${key.slice(-4)}` : '****';
  return openAiError(401, `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`, 'invalid_request_error', 'invalid_api_key');
}

export const insufficientQuota = (): Reply =>
  openAiError(
    429,
    'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
    'insufficient_quota',
    'insufficient_quota',
  );

/** The 429 of the RPM/TPM limiter, with `retry-after`, `retry-after-ms` and the limit's headers. */
export function rateLimitExceeded(model: string, limit: 'requests' | 'tokens', state: LimitState, requested: number, retryAfterMs: number): Reply {
  const unit = limit === 'requests' ? 'requests per min (RPM)' : 'tokens per min (TPM)';
  const seconds = Math.max(0.001, retryAfterMs / 1000);
  const message =
    `Rate limit reached for ${model} in organization org-sandbox on ${unit}: Limit ${state.limit}, Used ${state.limit - state.remaining}, Requested ${requested}. ` +
    `Please try again in ${formatGoDuration(retryAfterMs)}. Visit https://platform.openai.com/account/rate-limits to learn more.`;
  return openAiError(429, message, limit, 'rate_limit_exceeded', null, {
    'retry-after': String(Math.ceil(seconds)),
    'retry-after-ms': String(Math.ceil(retryAfterMs)),
  });
}

export const invalidRequest = (message: string, param: string | null = null, code: string | null = null): Reply =>
  openAiError(400, message, 'invalid_request_error', code, param);

export const modelNotFound = (model: string): Reply =>
  openAiError(404, `The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found');

export const unknownUrl = (method: string, path: string): Reply =>
  openAiError(404, `Invalid URL (${method} ${path})`, 'invalid_request_error');

/** What OpenAI answers with `status` (fault injection). A 200 fault is a truncated, unparseable body. */
export function openAiFailure(status: number): Reply {
  switch (status) {
    case 200:
      return { status, body: '{"id":"chatcmpl-sandbox","object":"chat.completion","choices":[{"index":0,"message":{"role":"assis', headers: { 'Content-Type': 'application/json' } };
    case 401:
      return invalidApiKey('sk-unknown-key-0000');
    case 429:
      return openAiError(
        429,
        'Rate limit reached for gpt-4o-mini in organization org-sandbox on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 1s. Visit https://platform.openai.com/account/rate-limits to learn more.',
        'requests',
        'rate_limit_exceeded',
        null,
        { 'retry-after': '1', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '1s' },
      );
    case 500:
      return openAiError(500, 'The server had an error while processing your request. Sorry about that!', 'server_error');
    case 503:
      return openAiError(503, 'The engine is currently overloaded, please try again later.', 'server_error');
    default:
      return status >= 500
        ? openAiError(status, 'The server had an error while processing your request. Sorry about that!', 'server_error')
        : openAiError(status, 'Invalid request.', 'invalid_request_error');
  }
}
