import type { Reply } from '../../http/route.js';

export const shopifyError = (status: number, errors: unknown, headers?: Record<string, string>): Reply => ({
  status,
  body: { errors },
  ...(headers && { headers }),
});

export const notFound = (): Reply => shopifyError(404, 'Not Found');

export const unauthorized = (): Reply => shopifyError(401, '[API] Invalid API key or access token (unrecognized login or wrong password)');

export const throttled = (capacity: number): Reply =>
  shopifyError(429, 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.', {
    'Retry-After': '2.0',
    'X-Shopify-Shop-Api-Call-Limit': `${capacity}/${capacity}`,
  });

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  402: 'Payment Required',
  403: 'Forbidden',
  406: 'Not Acceptable',
  423: 'Locked',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Unavailable Shop',
  504: 'Gateway Timeout',
};

/** The body Shopify sends for a failure with `status` (used by fault injection). */
export function shopifyFailure(status: number, capacity: number): Reply {
  if (status === 429) return throttled(capacity);
  if (status === 401) return unauthorized();
  if (status === 404) return notFound();
  return shopifyError(status, STATUS_TEXT[status] ?? 'Error');
}
