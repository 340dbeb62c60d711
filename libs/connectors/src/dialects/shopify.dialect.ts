import { retryAfterMs } from '@aiwire/core';
import { describeErrors, genericDialect, isRecord } from './generic.dialect.js';
import type { ParsedResponse, ProviderDialect, RateLimitState } from './provider-dialect.interface.js';

/** `X-Shopify-Shop-Api-Call-Limit: used/size`; the bucket leaks size/20 per second (40 → 2/s, Plus 80 → 4/s). */
function callLimit(res: ParsedResponse): { used: number; size: number } | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(res.headers['x-shopify-shop-api-call-limit'] ?? '');
  if (!match) return undefined;
  const used = Number(match[1]);
  const size = Number(match[2]);
  return size > 0 ? { used, size } : undefined;
}

function bucketState(res: ParsedResponse, nowMs: number): RateLimitState | undefined {
  const limit = callLimit(res);
  if (!limit) return undefined;
  const leakPerSecond = limit.size / 20;
  return { remaining: limit.size - limit.used, resetAtMs: nowMs + (limit.used / leakPerSecond) * 1000 };
}

/** Shopify Admin REST: `{ errors }` without codes; a leaky bucket reported on every answer. */
export const shopifyDialect: ProviderDialect = {
  ...genericDialect,
  service: 'shopify',
  error(res) {
    if (res.status < 400) return undefined;
    const message = isRecord(res.body) ? describeErrors(res.body.errors) : typeof res.body === 'string' ? res.body : undefined;
    return message ? { message } : {};
  },
  retryAfterMs(res, nowMs) {
    const asked = retryAfterMs(res.headers, nowMs);
    if (asked !== undefined) return asked;
    // A full bucket without Retry-After: wait until one request has leaked out.
    const limit = callLimit(res);
    return res.status === 429 && limit ? Math.ceil(1000 / (limit.size / 20)) : undefined;
  },
  rateLimitState: bucketState,
  requestId: (res) => res.headers['x-request-id'],
};
