import { startSandbox, type Sandbox, type SandboxOptions } from '@aiwire/sandbox';
import {
  CircuitOpenError,
  ConnectorHttpError,
  RateLimitTimeoutError,
  type GitHubConnector,
  type RestConnector,
  type SlackConnector,
  type StripeConnector,
  type StripeConnectorOptions,
} from '@aiwire/connectors';
import { freePort } from '../../../test/support/redis.js';
import { captureEvents, rejectionOf, sandboxConnectors, startConnectors, timed, uniquePrefix, deleteKeys, type RunningConnectors } from './connectors-fixtures.js';

describe('resilience: timeouts, retries, circuit breaker, shared rate limit', () => {
  let sandbox: Sandbox;
  const open: RunningConnectors[] = [];
  async function stripeWith(extra: Partial<StripeConnectorOptions>, keyPrefix?: string): Promise<StripeConnector> {
    const running = await startConnectors({ stripe: { ...(sandboxConnectors(sandbox).stripe as StripeConnectorOptions), ...extra } }, keyPrefix ? { keyPrefix } : {});
    open.push(running);
    return running.get('stripe');
  }
  const customer = 'cus_Sbxmaya000001';
  async function restartSandbox(options: SandboxOptions): Promise<Sandbox> {
    await sandbox.close();
    return startSandbox(options);
  }

  beforeEach(async () => {
    sandbox = await startSandbox({ limits: { stripePerSecond: 10_000 } });
  });
  afterEach(async () => {
    for (const running of open.splice(0)) await running.close();
    await sandbox.close();
  });

  it('times out each attempt and gives up after the retries with ETIMEDOUT', async () => {
    sandbox.faults.inject('stripe', { hang: true, times: 3 });
    const stripe = await stripeWith({ timeoutMs: 150, retry: { maxRetries: 2, baseDelayMs: 10 } });
    const { value: error, ms } = await timed(() => rejectionOf(stripe.getCustomer(customer)));
    expect(error).toBeInstanceOf(ConnectorHttpError);
    expect(error).toMatchObject({ code: 'ETIMEDOUT', status: undefined, attempts: 3 });
    expect(error.message).toMatch(/no answer within 150 ms after 3 attempts/);
    expect(ms).toBeGreaterThanOrEqual(450);
    expect(ms).toBeLessThan(1500);
  });

  it('retries a 5xx with backoff and succeeds', async () => {
    sandbox.faults.inject('stripe', { status: 502, times: 2 });
    const stripe = await stripeWith({ retry: { baseDelayMs: 50 } });
    const { value, ms } = await timed(() => stripe.send({ method: 'GET', path: '/v1/customers/{id}', params: { id: customer } }));
    expect(value).toMatchObject({ status: 200, attempts: 3 });
    // "equal" jitter: the n-th retry waits at least half of 50 × 2^(n-1).
    expect(ms).toBeGreaterThanOrEqual(25 + 50);
  });

  it('retries a refused connection, for any method, then reports ECONNREFUSED', async () => {
    const port = await freePort();
    const running = await startConnectors({ api: { kind: 'rest', baseUrl: `http://127.0.0.1:${port}`, retry: { maxRetries: 2, baseDelayMs: 10, methods: ['GET'] } } });
    open.push(running);
    const error = await rejectionOf(running.get<RestConnector>('api').request({ method: 'POST', path: '/orders', body: { id: 1 } }));
    expect(error).toMatchObject({ code: 'ECONNREFUSED', attempts: 3 });
    expect(error.message).toMatch(new RegExp(`could not reach 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\) after 3 attempts`));
  });

  it('does not resend a POST after a 5xx when retry.methods leaves POST out, but does after a 429', async () => {
    // A generic REST connector: no Stripe-Should-Retry advice, no idempotency key.
    const running = await startConnectors({
      api: { kind: 'rest', baseUrl: sandbox.urls.stripe, auth: { type: 'bearer', token: sandbox.credentials.stripeSecretKey }, retry: { baseDelayMs: 10, methods: ['GET'] } },
    });
    open.push(running);
    const api = running.get<RestConnector>('api');
    const create = () => api.request({ method: 'POST', path: '/v1/webhook_endpoints', form: { url: 'https://x.test/h', enabled_events: ['*'] } });
    sandbox.faults.inject('stripe', { status: 500, method: 'POST' });
    expect(await rejectionOf(create())).toMatchObject({ status: 500, attempts: 1 });
    sandbox.faults.inject('stripe', { status: 429, method: 'POST', headers: { 'Retry-After': '0' } });
    await expect(create()).resolves.toMatchObject({ url: 'https://x.test/h' });
    expect(sandbox.state.requests.filter('stripe').map((r) => r.status)).toEqual([500, 429, 200]);
  });

  it('fails at once, with retryAfterMs, when the provider asks for a wait above maxRetryAfterMs', async () => {
    const running = await startConnectors({ slack: { ...sandboxConnectors(sandbox).slack!, retry: { maxRetryAfterMs: 5_000 } } });
    open.push(running);
    sandbox.faults.inject('slack', { status: 429, headers: { 'Retry-After': '120' } });
    const { value: error, ms } = await timed(() => rejectionOf(running.get<SlackConnector>('slack').postMessage({ channel: '#support', text: 'x' })));
    expect(error).toMatchObject({ status: 429, code: 'ratelimited', retryAfterMs: 120_000, attempts: 1 });
    expect(error.message).toMatch(/retry in 120 s/);
    expect(ms).toBeLessThan(500);
  });

  it('opens the circuit after repeated 5xx, refuses calls without sending them, and closes after a good trial', async () => {
    const events = captureEvents();
    try {
      const stripe = await stripeWith({ retry: false, circuitBreaker: { failureThreshold: 3, cooldownMs: 300 } });
      sandbox.faults.inject('stripe', { status: 503, times: 3 });
      for (let i = 0; i < 3; i++) await rejectionOf(stripe.getCustomer(customer));
      const refused = await rejectionOf(stripe.getCustomer(customer));
      expect(refused).toBeInstanceOf(CircuitOpenError);
      expect((refused as CircuitOpenError).retryAfterMs).toBeGreaterThan(0);
      expect(sandbox.state.requests.count('stripe')).toBe(3);
      await new Promise((r) => setTimeout(r, 320));
      await expect(stripe.getCustomer(customer)).resolves.toMatchObject({ id: customer });
      await expect(stripe.getCustomer(customer)).resolves.toMatchObject({ id: customer });
      expect(events.circuits.map((c) => `${c.from}>${c.to}`)).toEqual(['closed>open', 'open>half-open', 'half-open>closed']);
      expect(events.calls.find((c) => c.error?.name === 'CircuitOpenError')?.attributes['error.type']).toBe('CircuitOpenError');
    } finally {
      events.stop();
    }
  });

  it('reopens when the half-open trial fails, and 4xx answers never open it', async () => {
    const stripe = await stripeWith({ retry: false, circuitBreaker: { failureThreshold: 2, cooldownMs: 200 } });
    for (let i = 0; i < 5; i++) await rejectionOf(stripe.getCustomer('cus_ghost'));
    await expect(stripe.getCustomer(customer)).resolves.toBeDefined();
    sandbox.faults.inject('stripe', { status: 500, times: 3 });
    await rejectionOf(stripe.getCustomer(customer));
    await rejectionOf(stripe.getCustomer(customer));
    expect(await rejectionOf(stripe.getCustomer(customer))).toBeInstanceOf(CircuitOpenError);
    await new Promise((r) => setTimeout(r, 220));
    expect(await rejectionOf(stripe.getCustomer(customer))).toMatchObject({ status: 500 });
    expect(await rejectionOf(stripe.getCustomer(customer))).toBeInstanceOf(CircuitOpenError);
  });

  it('keeps one circuit per connector: an open circuit on one never stops another on the same provider', async () => {
    const events = captureEvents();
    try {
      const options = { ...(sandboxConnectors(sandbox).stripe as StripeConnectorOptions), retry: false as const, circuitBreaker: { failureThreshold: 2, cooldownMs: 60_000 } };
      const running = await startConnectors({ payments: options, billing: options });
      open.push(running);
      const [payments, billing] = [running.get<StripeConnector>('payments'), running.get<StripeConnector>('billing')];
      sandbox.faults.inject('stripe', { status: 503, times: 2 });
      await rejectionOf(billing.getCustomer(customer));
      await rejectionOf(payments.getCustomer(customer));
      // Two failures between them, one each: a shared circuit would be open now.
      await expect(billing.getCustomer(customer)).resolves.toMatchObject({ id: customer });
      sandbox.faults.inject('stripe', { status: 503 });
      await rejectionOf(payments.getCustomer(customer));
      expect(await rejectionOf(payments.getCustomer(customer))).toBeInstanceOf(CircuitOpenError);
      await expect(billing.getCustomer(customer)).resolves.toMatchObject({ id: customer });
      expect(sandbox.state.requests.filter('stripe').map((r) => r.status)).toEqual([503, 503, 200, 503, 200]);
      expect(events.circuits).toEqual([{ connector: 'payments', from: 'closed', to: 'open' }]);
    } finally {
      events.stop();
    }
  });

  it('waits until X-RateLimit-Reset when the budget is spent (GitHub 403, epoch seconds), and fails at once when the reset is too far', async () => {
    sandbox = await restartSandbox({ limits: { githubPerHour: 2 } });
    const running = await startConnectors({ github: sandboxConnectors(sandbox).github! });
    open.push(running);
    const github = running.get<GitHubConnector>('github');
    const resetAt = Math.ceil(Date.now() / 1000) + 2;
    sandbox.faults.inject('github', { status: 403, headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(resetAt) } });
    const started = Date.now();
    await expect(github.listHooks('aiwire-demo/storefront')).resolves.toEqual(expect.any(Array));
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(resetAt * 1000 - started - 20);
    expect(waited).toBeLessThan(resetAt * 1000 - started + 800);
    // The real limit: 2 per hour, spent; the reset is an hour away, above maxRetryAfterMs.
    await github.listHooks('aiwire-demo/storefront');
    const { value: error, ms } = await timed(() => rejectionOf(github.listHooks('aiwire-demo/storefront')));
    expect(error).toMatchObject({ status: 403, attempts: 1 });
    expect((error as ConnectorHttpError).retryAfterMs).toBeGreaterThan(3_500_000);
    expect(ms).toBeLessThan(500);
    expect(sandbox.state.requests.filter('github').map((r) => r.status)).toEqual([403, 200, 200, 403]);
  });

  it('shares one rate limit between two clients (two module instances on one Redis)', async () => {
    const prefix = uniquePrefix('shared-limit');
    try {
      const rateLimit = { capacity: 2, refillPerSecond: 10 };
      const [a, b] = [await stripeWith({ rateLimit }, prefix), await stripeWith({ rateLimit }, prefix)];
      const { ms } = await timed(() => Promise.all([...Array(6)].flatMap(() => [a.getCustomer(customer), b.getCustomer(customer)])));
      // 12 calls: 2 at once, then 10 at 10 per second.
      expect(ms).toBeGreaterThanOrEqual(900);
      expect(ms).toBeLessThan(2500);
      expect(sandbox.state.requests.count('stripe')).toBe(12);
    } finally {
      await deleteKeys(prefix);
    }
  });

  it('fails with RateLimitTimeoutError, sending nothing, when the wait would exceed maxWaitMs', async () => {
    const stripe = await stripeWith({ rateLimit: { capacity: 1, refillPerSecond: 0.5, maxWaitMs: 100 } });
    await stripe.getCustomer(customer);
    const error = await rejectionOf(stripe.getCustomer(customer));
    expect(error).toBeInstanceOf(RateLimitTimeoutError);
    expect((error as RateLimitTimeoutError).waitMs).toBeGreaterThan(1000);
    expect(sandbox.state.requests.count('stripe')).toBe(1);
  });

  it('stops waiting between retries when the caller aborts', async () => {
    sandbox.faults.inject('stripe', { status: 503, times: 5 });
    const stripe = await stripeWith({ retry: { baseDelayMs: 5_000 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('caller gave up')), 100);
    const { value: error, ms } = await timed(() => rejectionOf(stripe.request({ method: 'GET', path: '/v1/customers/{id}', params: { id: customer }, signal: controller.signal })));
    expect(error.message).toBe('caller gave up');
    expect(ms).toBeLessThan(1000);
  });

  it('fails a 2xx whose JSON is broken, or that the caller’s validate refuses, with invalid_response', async () => {
    const stripe = await stripeWith({});
    sandbox.faults.inject('stripe', { status: 200, body: '{"id": "cus_', headers: { 'Content-Type': 'application/json' } });
    expect(await rejectionOf(stripe.getCustomer(customer))).toMatchObject({ code: 'invalid_response', status: 200 });
    const validate = (body: unknown): { id: string } => {
      if (typeof (body as { id?: unknown }).id !== 'number') throw new Error('id must be a number');
      return body as { id: string };
    };
    const error = await rejectionOf(stripe.request({ method: 'GET', path: '/v1/customers/{id}', params: { id: customer }, validate }));
    expect(error).toMatchObject({ code: 'invalid_response' });
    expect(error.message).toMatch(/failed validation \(id must be a number\)/);
  });
});
