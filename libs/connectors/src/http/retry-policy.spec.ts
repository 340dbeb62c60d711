import { genericDialect } from '../dialects/generic.dialect.js';
import { stripeDialect } from '../kinds/stripe.kind.js';
import type { AttemptOutcome } from './attempt-outcome.js';
import { networkCode } from './attempt-outcome.js';
import { decideRetry, type ResolvedRetryOptions } from './retry-policy.js';

const sent = { headers: {}, query: new URLSearchParams() };
const policy: ResolvedRetryOptions = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 10_000, methods: new Set(['GET', 'PUT', 'DELETE']) };
// A GET (resendable) and a POST without an idempotency key (not resendable).
const GET = true;
const POST = false;
const response = (status: number, headers: Record<string, string> = {}): Exclude<AttemptOutcome, { kind: 'success' }> => ({ kind: 'response', res: { status, headers, body: {} }, error: {}, sent });
const network = (code: string): Exclude<AttemptOutcome, { kind: 'success' }> => ({ kind: 'network', code, cause: new Error(code), sent });

describe('decideRetry', () => {
  it('retries 408, 429 and 5xx (not 501/505) with equal-jitter backoff', () => {
    for (const status of [408, 429, 500, 502, 503, 504]) expect(decideRetry(response(status), 0, GET, policy, genericDialect).retry).toBe(true);
    for (const status of [400, 401, 403, 404, 409, 422, 501, 505]) expect(decideRetry(response(status), 0, GET, policy, genericDialect).retry).toBe(false);
    const first = decideRetry(response(503), 0, GET, policy, genericDialect);
    expect(first.delayMs).toBeGreaterThanOrEqual(50);
    expect(first.delayMs).toBeLessThan(100);
    const third = decideRetry(response(503), 2, GET, policy, genericDialect);
    expect(third.delayMs).toBeGreaterThanOrEqual(200);
    expect(third.delayMs).toBeLessThan(400);
  });

  it('stops after maxRetries but still reports the wait the provider asked for', () => {
    expect(decideRetry(response(429, { 'retry-after': '3' }), 3, GET, policy, genericDialect)).toMatchObject({ retry: false, retryAfterMs: 3_000 });
  });

  it('waits exactly what Retry-After says, and gives up when it is above maxRetryAfterMs', () => {
    expect(decideRetry(response(429, { 'retry-after': '2' }), 0, GET, policy, genericDialect)).toMatchObject({ retry: true, delayMs: 2_000, reason: '429' });
    expect(decideRetry(response(503, { 'retry-after': '60' }), 0, GET, policy, genericDialect)).toMatchObject({ retry: false, retryAfterMs: 60_000, reason: 'retry-after too long' });
  });

  it('resends a POST after a 5xx, timeout or reset only when resendable; after a 429, 408, a 503 with Retry-After or a refused connection always', () => {
    expect(decideRetry(response(503), 0, POST, policy, genericDialect).retry).toBe(false);
    expect(decideRetry(response(500), 0, POST, policy, genericDialect).retry).toBe(false);
    expect(decideRetry(response(502, { 'retry-after': '1' }), 0, POST, policy, genericDialect).retry).toBe(false);
    expect(decideRetry(response(503), 0, true, policy, genericDialect).retry).toBe(true);
    expect(decideRetry(response(429), 0, POST, policy, genericDialect).retry).toBe(true);
    expect(decideRetry(response(408), 0, POST, policy, genericDialect).retry).toBe(true);
    expect(decideRetry(response(503, { 'retry-after': '1' }), 0, POST, policy, genericDialect)).toMatchObject({ retry: true, delayMs: 1_000 });
    expect(decideRetry({ kind: 'timeout', timeoutMs: 1, cause: undefined, sent }, 0, POST, policy, genericDialect).retry).toBe(false);
    expect(decideRetry({ kind: 'timeout', timeoutMs: 1, cause: undefined, sent }, 0, GET, policy, genericDialect).retry).toBe(true);
    expect(decideRetry(network('ECONNRESET'), 0, POST, policy, genericDialect).retry).toBe(false);
    expect(decideRetry(network('UND_ERR_SOCKET'), 0, POST, policy, genericDialect).retry).toBe(false);
    expect(decideRetry(network('ECONNREFUSED'), 0, POST, policy, genericDialect).retry).toBe(true);
    expect(decideRetry(network('ECONNRESET'), 0, GET, policy, genericDialect).retry).toBe(true);
  });

  it('never retries names that do not resolve or refused TLS peers', () => {
    for (const code of ['ENOTFOUND', 'ERR_TLS_CERT_ALTNAME_INVALID', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'CERT_HAS_EXPIRED']) {
      expect(decideRetry(network(code), 0, GET, policy, genericDialect).retry).toBe(false);
    }
  });

  it('lets the provider override the rule (Stripe-Should-Retry), for any method', () => {
    expect(decideRetry(response(500, { 'stripe-should-retry': 'false' }), 0, GET, policy, stripeDialect).retry).toBe(false);
    expect(decideRetry(response(500, { 'stripe-should-retry': 'true' }), 0, POST, policy, stripeDialect).retry).toBe(true);
  });

  it('finds the most specific network code under undici’s wrapper', () => {
    const socketError = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET', cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) });
    expect(networkCode(socketError)).toBe('ECONNRESET');
    expect(networkCode(Object.assign(new Error('x'), { code: 'UND_ERR_SOCKET' }))).toBe('UND_ERR_SOCKET');
    expect(networkCode(new TypeError('fetch failed', { cause: Object.assign(new Error(), { code: 'ECONNREFUSED' }) }))).toBe('ECONNREFUSED');
    expect(networkCode('weird')).toBe('network_error');
  });
});
