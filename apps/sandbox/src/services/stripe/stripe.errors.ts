import type { Reply } from '../../http/route.js';

export interface StripeErrorBody {
  type: 'invalid_request_error' | 'api_error' | 'card_error' | 'idempotency_error' | 'rate_limit_error';
  message: string;
  code?: string;
  param?: string;
  doc_url?: string;
}

const docUrl = (code: string) => `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`;

/** Stripe's error envelope: `{ error: { type, message, code?, param?, doc_url? } }`. */
export function stripeError(status: number, error: StripeErrorBody, headers?: Record<string, string>): Reply {
  const body: StripeErrorBody = error.code && !error.doc_url ? { ...error, doc_url: docUrl(error.code) } : error;
  return { status, body: { error: body }, ...(headers && { headers }) };
}

const AUTH_HEADERS = { 'WWW-Authenticate': 'Basic realm="Stripe"' };

export const missingApiKey = (): Reply =>
  stripeError(
    401,
    {
      type: 'invalid_request_error',
      message:
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    },
    AUTH_HEADERS,
  );

/** Stripe echoes the key's prefix and last four characters, masking the rest. */
export function invalidApiKey(key: string): Reply {
  const prefix = /^(sk|rk|pk)_(test|live)_/.exec(key)?.[0] ?? '';
  const masked = key.length > prefix.length + 4 ? `${prefix}${'*'.repeat(key.length - prefix.length - 4)}${key.slice(-4)}` : '*'.repeat(key.length);
  return stripeError(401, { type: 'invalid_request_error', message: `Invalid API Key provided: ${masked}` }, AUTH_HEADERS);
}

export const resourceMissing = (kind: string, id: string, param = 'id', status = 404): Reply =>
  stripeError(status, { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${kind}: '${id}'`, param });

export const parameterMissing = (param: string): Reply =>
  stripeError(400, { type: 'invalid_request_error', code: 'parameter_missing', message: `Missing required param: ${param}.`, param });

export const parameterUnknown = (param: string): Reply =>
  stripeError(400, {
    type: 'invalid_request_error',
    code: 'parameter_unknown',
    message: `Received unknown parameter: ${param}`,
    param,
  });

export const invalidParam = (param: string, message: string, code = 'parameter_invalid_string'): Reply =>
  stripeError(400, { type: 'invalid_request_error', code, message, param });

export const rateLimited = (): Reply =>
  stripeError(429, {
    type: 'invalid_request_error',
    code: 'rate_limit',
    message: 'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.',
  });

export const idempotencyMismatch = (key: string): Reply =>
  stripeError(400, {
    type: 'idempotency_error',
    message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
  });

export const unrecognizedUrl = (method: string, path: string): Reply =>
  stripeError(404, {
    type: 'invalid_request_error',
    message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  });

/** The body Stripe sends for a failure with `status` (used by fault injection). */
export function stripeFailure(status: number): Reply {
  if (status === 429) return rateLimited();
  if (status === 401) return invalidApiKey('sk_test_unknown');
  if (status === 402) return stripeError(402, { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' });
  if (status === 409) return stripeError(409, { type: 'invalid_request_error', code: 'lock_timeout', message: 'This object cannot be accessed right now because another API request or Stripe process is currently accessing it.' });
  if (status < 500) return stripeError(status, { type: 'invalid_request_error', message: 'Invalid request.' });
  return stripeError(status, { type: 'api_error', message: 'An unknown error occurred' }, { 'Stripe-Should-Retry': 'true' });
}
