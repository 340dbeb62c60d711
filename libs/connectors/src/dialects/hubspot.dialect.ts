import { retryAfterMs } from '@aiwire/core';
import { genericDialect, isRecord, str } from './generic.dialect.js';
import type { ParsedResponse, ProviderDialect } from './provider-dialect.interface.js';

/** How far ahead a "now" reset is placed (see rateLimitState). */
const LOWER_NOW_MS = 50;

const header = (res: ParsedResponse, name: string): number => Number(res.headers[`x-hubspot-ratelimit-${name}`]);

/** The daily limit is spent: waiting seconds will not help, so the call fails at once. */
function dailySpent(res: ParsedResponse): boolean {
  const policy = isRecord(res.body) ? str(res.body.policyName) : undefined;
  return policy === 'DAILY' || header(res, 'daily-remaining') === 0;
}

/** HubSpot CRM v3: `{ status: 'error', message, category, correlationId }`; limits in `X-HubSpot-RateLimit-*`. */
export const hubspotDialect: ProviderDialect = {
  ...genericDialect,
  service: 'hubspot',
  error(res) {
    if (res.status < 400) return undefined;
    const body = isRecord(res.body) ? res.body : {};
    const code = str(body.category) ?? str(body.errorType);
    const message = str(body.message);
    return { ...(code && { code }), ...(message && { message }) };
  },
  shouldRetry: (res) => (res.status === 429 && dailySpent(res) ? false : undefined),
  retryAfterMs(res, nowMs) {
    const asked = retryAfterMs(res.headers, nowMs);
    if (asked !== undefined || res.status !== 429) return asked;
    // The rolling window's start is not reported; one full interval is the wait that surely frees a slot.
    const interval = header(res, 'interval-milliseconds');
    return Number.isFinite(interval) && interval > 0 ? interval : undefined;
  },
  rateLimitState(res, nowMs) {
    const remaining = header(res, 'remaining');
    // Only "how many are left now" is known; a reset just ahead lowers the bucket to that and (almost)
    // no further. 1 ms would be gone by the time the limiter measures it on the next clock tick.
    return Number.isFinite(remaining) ? { remaining, resetAtMs: nowMs + LOWER_NOW_MS } : undefined;
  },
  requestId: (res) => res.headers['x-hubspot-correlation-id'],
};
