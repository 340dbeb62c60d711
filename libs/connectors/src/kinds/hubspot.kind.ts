import { retryAfterMs } from '@aiwire/core';
import { HubSpotConnector } from '../connectors/hubspot.connector.js';
import { failedBody, genericDialect, isRecord, providerError, str } from '../dialects/generic.dialect.js';
import type { ParsedResponse, ProviderDialect } from '../dialects/provider-dialect.interface.js';
import type { ConnectorKindDescriptor } from './connector-kind.interface.js';

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
    const body = failedBody(res);
    return body && providerError(str(body.category) ?? str(body.errorType), str(body.message));
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

/** HubSpot CRM v3 at api.hubapi.com. */
export const hubspotKind: ConnectorKindDescriptor<'hubspot', HubSpotConnector> = {
  kind: 'hubspot',
  defaultBaseUrl: () => 'https://api.hubapi.com',
  // HubSpot's docs: "https://api.hubapi.com/crm/v3/objects/…".
  baseUrlRule(path, url) {
    const write = `"${url.origin}" or "${url.origin}/crm/v3"`;
    if (path.endsWith('/crm/v3')) return { prefix: path.slice(0, -'/crm/v3'.length) };
    if (/\/crm\/v\d+(\/|$)/.test(path)) return { why: 'goes into the CRM API, but HubSpotConnector calls its /crm/v3/objects/… paths itself', write };
    // On HubSpot's own host any path is a mistake; elsewhere it is a proxy's prefix.
    if (url.hostname.endsWith('hubapi.com') && path !== '') return { why: 'has a path HubSpot does not serve the API under', write };
    return { prefix: path };
  },
  // Private and OAuth apps: 100 requests per 10 seconds.
  rateLimit: { capacity: 100, refillPerSecond: 10 },
  headers: () => ({}),
  dialect: hubspotDialect,
  create: (name, http) => new HubSpotConnector(name, http),
};
