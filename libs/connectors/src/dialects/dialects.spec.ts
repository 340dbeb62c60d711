import { genericDialect } from './generic.dialect.js';
import { githubDialect } from '../kinds/github.kind.js';
import { hubspotDialect } from '../kinds/hubspot.kind.js';
import { shopifyDialect } from '../kinds/shopify.kind.js';
import { slackDialect } from '../kinds/slack.kind.js';
import { stripeDialect } from '../kinds/stripe.kind.js';
import type { ParsedResponse } from './provider-dialect.interface.js';

const res = (status: number, body: unknown, headers: Record<string, string> = {}): ParsedResponse => ({ status, body, headers });
const NOW = 1_700_000_000_000;

describe('provider dialects', () => {
  it('Slack: ok:false with HTTP 200 is a failure carrying error; token errors count as 401; platform errors are final', () => {
    const failed = res(200, { ok: false, error: 'channel_not_found' });
    expect(slackDialect.error(failed)).toEqual({ code: 'channel_not_found', message: 'channel_not_found' });
    expect(slackDialect.shouldRetry(failed, { code: 'channel_not_found' })).toBe(false);
    expect(slackDialect.error(res(200, { ok: true }))).toBeUndefined();
    expect(slackDialect.isUnauthorized(res(200, { ok: false, error: 'token_expired' }), { code: 'token_expired' })).toBe(true);
    expect(slackDialect.isUnauthorized(failed, { code: 'channel_not_found' })).toBe(false);
    const invalid = res(200, { ok: false, error: 'invalid_arguments', response_metadata: { messages: ['[ERROR] missing required field: channel'] } });
    expect(slackDialect.error(invalid)?.message).toBe('[ERROR] missing required field: channel');
    expect(slackDialect.retryAfterMs(res(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '30' }), NOW)).toBe(30_000);
    expect(slackDialect.requestId(res(200, {}, { 'x-slack-req-id': 'abc' }))).toBe('abc');
  });

  it('Stripe: code (else type) and message; Stripe-Should-Retry decides; 409 is retried', () => {
    const missing = res(404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: "No such customer: 'x'" } });
    expect(stripeDialect.error(missing)).toEqual({ code: 'resource_missing', message: "No such customer: 'x'" });
    expect(stripeDialect.error(res(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key' } }))?.code).toBe('invalid_request_error');
    expect(stripeDialect.shouldRetry(res(500, {}, { 'stripe-should-retry': 'false' }), {})).toBe(false);
    expect(stripeDialect.shouldRetry(res(400, {}, { 'stripe-should-retry': 'true' }), {})).toBe(true);
    expect(stripeDialect.shouldRetry(res(409, {}), {})).toBe(true);
    expect(stripeDialect.shouldRetry(res(503, {}), {})).toBeUndefined();
    expect(stripeDialect.requestId(res(200, {}, { 'request-id': 'req_1' }))).toBe('req_1');
  });

  it('Shopify: errors as text or by field; Retry-After 2.0; the call-limit header as the bucket state', () => {
    expect(shopifyDialect.error(res(404, { errors: 'Not Found' }))).toEqual({ message: 'Not Found' });
    expect(shopifyDialect.error(res(422, { errors: { address: ['for this topic has already been taken'] } }))).toEqual({ message: 'address for this topic has already been taken' });
    expect(shopifyDialect.retryAfterMs(res(429, {}, { 'retry-after': '2.0' }), NOW)).toBe(2000);
    expect(shopifyDialect.retryAfterMs(res(429, {}, { 'x-shopify-shop-api-call-limit': '40/40' }), NOW)).toBe(500);
    expect(shopifyDialect.retryAfterMs(res(429, {}, { 'x-shopify-shop-api-call-limit': '80/80' }), NOW)).toBe(250);
    expect(shopifyDialect.rateLimitState(res(200, {}, { 'x-shopify-shop-api-call-limit': '38/40' }), NOW)).toEqual({ remaining: 2, resetAtMs: NOW + 19_000 });
    expect(shopifyDialect.rateLimitState(res(200, {}, {}), NOW)).toBeUndefined();
  });

  it('HubSpot: category as code; a daily 429 is final; a ten-secondly one waits one interval', () => {
    const tenSecondly = res(429, { status: 'error', message: 'limit', category: 'RATE_LIMITS', policyName: 'TEN_SECONDLY_ROLLING' }, { 'x-hubspot-ratelimit-interval-milliseconds': '10000', 'x-hubspot-ratelimit-remaining': '0' });
    expect(hubspotDialect.error(tenSecondly)).toEqual({ code: 'RATE_LIMITS', message: 'limit' });
    expect(hubspotDialect.shouldRetry(tenSecondly, {})).toBeUndefined();
    expect(hubspotDialect.retryAfterMs(tenSecondly, NOW)).toBe(10_000);
    expect(hubspotDialect.shouldRetry(res(429, { policyName: 'DAILY' }), {})).toBe(false);
    expect(hubspotDialect.shouldRetry(res(429, {}, { 'x-hubspot-ratelimit-daily-remaining': '0' }), {})).toBe(false);
    expect(hubspotDialect.rateLimitState(res(200, {}, { 'x-hubspot-ratelimit-remaining': '7' }), NOW)).toEqual({ remaining: 7, resetAtMs: NOW + 50 });
    expect(hubspotDialect.retryAfterMs(res(500, {}), NOW)).toBeUndefined();
  });

  it('GitHub: a spent primary limit (403, remaining 0) is retried at X-RateLimit-Reset', () => {
    const spent = res(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 42) });
    expect(githubDialect.shouldRetry(spent, {})).toBe(true);
    expect(githubDialect.retryAfterMs(spent, NOW)).toBe(42_000);
    expect(githubDialect.shouldRetry(res(403, { message: 'Forbidden' }), {})).toBeUndefined();
    expect(githubDialect.error(res(422, { message: 'Validation Failed', errors: [{ code: 'custom', message: 'Hook already exists on this repository' }] }))).toEqual({
      code: 'custom',
      message: 'Validation Failed: Hook already exists on this repository',
    });
  });

  it('generic: common error shapes, Retry-After (seconds or date), IETF RateLimit-Reset as a delay', () => {
    expect(genericDialect.error(res(400, { error: 'invalid_grant', error_description: 'expired' }))).toEqual({ code: 'invalid_grant', message: 'expired' });
    expect(genericDialect.error(res(422, { code: 'E42', message: 'bad' }))).toEqual({ code: 'E42', message: 'bad' });
    expect(genericDialect.error(res(502, 'Bad gateway'))).toEqual({ message: 'Bad gateway' });
    expect(genericDialect.error(res(204, undefined))).toBeUndefined();
    expect(genericDialect.retryAfterMs(res(503, {}, { 'retry-after': new Date(NOW + 5_000).toUTCString() }), NOW)).toBe(5_000);
    expect(genericDialect.retryAfterMs(res(429, {}, { 'ratelimit-remaining': '0', 'ratelimit-reset': '7' }), NOW)).toBe(7_000);
    expect(genericDialect.retryAfterMs(res(429, {}, { 'ratelimit-remaining': '3', 'ratelimit-reset': '7' }), NOW)).toBeUndefined();
  });
});
