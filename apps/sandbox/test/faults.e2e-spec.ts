import { SandboxConfigurationError, startSandbox, type Sandbox } from '../src/index.js';

describe('fault injection and request records', () => {
  let sandbox: Sandbox;
  const customer = (init: RequestInit = {}) =>
    fetch(`${sandbox.urls.stripe}/v1/customers/cus_Sbxmaya000001`, { ...init, headers: { authorization: `Bearer ${sandbox.credentials.stripeSecretKey}` } });

  beforeEach(async () => {
    sandbox = await startSandbox();
  });
  afterEach(() => sandbox.close());

  it('fails the next N requests, then serves normally', async () => {
    sandbox.faults.inject('stripe', { status: 500, times: 2 });
    expect(sandbox.faults.pending('stripe')).toBe(2);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await customer()).status);
    expect(statuses).toEqual([500, 500, 200]);
    expect(sandbox.faults.pending()).toBe(0);
    expect(sandbox.state.requests.filter('stripe').map((r) => r.faulted ?? false)).toEqual([true, true, false]);
  });

  it('uses the service’s own error body and headers unless the test gives its own', async () => {
    sandbox.faults.inject('stripe', { status: 503 });
    sandbox.faults.inject('stripe', { status: 502, body: 'upstream exploded', headers: { 'Retry-After': '7' } });
    const own = await customer();
    expect(await own.json()).toEqual({ error: { type: 'api_error', message: 'An unknown error occurred' } });
    expect(own.headers.get('request-id')).toMatch(/^req_/);
    const custom = await customer();
    expect(custom.status).toBe(502);
    expect(await custom.text()).toBe('upstream exploded');
    expect(custom.headers.get('retry-after')).toBe('7');
  });

  it('an injected 429 carries the provider’s rate-limit state (Shopify bucket full, HubSpot remaining 0)', async () => {
    sandbox.faults.inject('shopify', { status: 429 });
    const shopify = await fetch(`${sandbox.urls.shopify}/admin/api/2025-01/customers/7390384554201.json`, { headers: { 'x-shopify-access-token': 'shpat_sandbox' } });
    expect(shopify.headers.get('retry-after')).toBe('2.0');
    expect(shopify.headers.get('x-shopify-shop-api-call-limit')).toBe('40/40');
    sandbox.faults.inject('hubspot', { status: 429 });
    const hubspot = await fetch(`${sandbox.urls.hubspot}/crm/v3/objects/contacts/101`, { headers: { authorization: 'Bearer pat-na1-sandbox' } });
    expect(await hubspot.json()).toMatchObject({ status: 'error', category: 'RATE_LIMITS' });
    expect(hubspot.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
  });

  it('hangs a request until the client gives up; the next one is served', async () => {
    sandbox.faults.inject('stripe', { hang: true });
    await expect(customer({ signal: AbortSignal.timeout(200) })).rejects.toThrow();
    expect((await customer()).status).toBe(200);
  });

  it('close() does not wait for hung connections', async () => {
    sandbox.faults.inject('slack', { hang: true, times: 3 });
    const pending = fetch(`${sandbox.urls.slack}/api/auth.test`, { method: 'POST' }).catch((error: unknown) => error);
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await sandbox.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });

  it('afterHandler: the service does the work, then the fault replaces, drops or delays its answer', async () => {
    const create = (url: string, key?: string) =>
      fetch(`${sandbox.urls.stripe}/v1/webhook_endpoints`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk_test_sandbox', 'content-type': 'application/x-www-form-urlencoded', ...(key && { 'idempotency-key': key }) },
        body: new URLSearchParams({ url, 'enabled_events[0]': '*' }).toString(),
      });
    sandbox.faults.inject('stripe', { status: 500, afterHandler: true, method: 'POST' });
    const lost = await create('https://x.test/a', 'key-a');
    expect(lost.status).toBe(500);
    expect(await lost.json()).toEqual({ error: { type: 'api_error', message: 'An unknown error occurred' } });
    expect([...sandbox.state.stripe.webhookEndpoints.values()].map((e) => e.url)).toEqual(['https://x.test/a']);
    // The work was saved under its idempotency key: the same key replays it.
    const replayed = await create('https://x.test/a', 'key-a');
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(sandbox.state.stripe.webhookEndpoints.size).toBe(1);

    sandbox.faults.inject('stripe', { reset: true, afterHandler: true, method: 'POST' });
    await expect(create('https://x.test/b')).rejects.toThrow();
    expect(sandbox.state.stripe.webhookEndpoints.size).toBe(2);
    sandbox.faults.inject('stripe', { delayMs: 150, afterHandler: true, method: 'POST' });
    await expect(create('https://x.test/c').then((r) => r.status)).resolves.toBe(200);
    expect(sandbox.state.requests.filter('stripe').map((r) => [r.status, r.faulted ?? false])).toEqual([[500, true], [200, false], [undefined, true], [200, false]]);
  });

  it('reset: drops the connection before the service runs, so nothing is done', async () => {
    sandbox.faults.inject('stripe', { reset: true, method: 'POST' });
    const attempt = fetch(`${sandbox.urls.stripe}/v1/webhook_endpoints`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_sandbox', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'url=https%3A%2F%2Fx.test%2Fd&enabled_events[0]=*',
    });
    await expect(attempt).rejects.toThrow();
    expect(sandbox.state.stripe.webhookEndpoints.size).toBe(0);
    expect(sandbox.state.requests.entries[0]).toMatchObject({ route: 'POST /v1/webhook_endpoints', faulted: true });
    expect(sandbox.state.requests.entries[0]?.status).toBeUndefined();
  });

  it('delays without failing when only delayMs is given', async () => {
    sandbox.faults.inject('stripe', { delayMs: 150 });
    const started = Date.now();
    expect((await customer()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('matches faults by path and method', async () => {
    sandbox.faults.inject('stripe', { status: 500, path: '/v1/charges' });
    sandbox.faults.inject('stripe', { status: 500, path: /webhook_endpoints/, method: 'POST' });
    expect((await customer()).status).toBe(200);
    const list = await fetch(`${sandbox.urls.stripe}/v1/webhook_endpoints`, { headers: { authorization: 'Bearer sk_test_sandbox' } });
    expect(list.status).toBe(200);
    expect((await fetch(`${sandbox.urls.stripe}/v1/charges`, { headers: { authorization: 'Bearer sk_test_sandbox' } })).status).toBe(500);
    expect(sandbox.faults.pending('stripe')).toBe(1);
  });

  it('refuses faults that cannot happen', () => {
    expect(() => sandbox.faults.inject('stripe', {})).toThrow(SandboxConfigurationError);
    expect(() => sandbox.faults.inject('stripe', { status: 42 })).toThrow(SandboxConfigurationError);
    expect(() => sandbox.faults.inject('stripe', { status: 500, times: 0 })).toThrow(SandboxConfigurationError);
    sandbox.faults.inject('stripe', { status: 500 });
    sandbox.faults.clear('stripe');
    expect(sandbox.faults.pending()).toBe(0);
  });

  it('counts requests per route and never keeps credentials', async () => {
    await customer();
    await customer();
    await fetch(`${sandbox.urls.shopify}/admin/api/2025-01/customers/7390384554201.json`, { headers: { 'x-shopify-access-token': 'shpat_sandbox' } });
    expect(sandbox.state.requests.count('stripe', 'GET /v1/customers/:id')).toBe(2);
    expect(sandbox.state.requests.counts('shopify')).toEqual({ 'GET /admin/api/:version/customers/:id.json': 1 });
    const serialized = JSON.stringify(sandbox.state.requests.entries);
    expect(serialized).not.toContain('sk_test_sandbox');
    expect(serialized).not.toContain('shpat_sandbox');
    expect(sandbox.state.requests.entries[0]?.headers.authorization).toBe('[redacted]');
    expect(sandbox.state.requests.entries.map((e) => e.status)).toEqual([200, 200, 200]);
  });

  it('answers 404 outside every service and serves all services on one origin', async () => {
    const res = await fetch(`${sandbox.url}/nowhere`);
    expect(res.status).toBe(404);
    expect(new Set(Object.values(sandbox.urls))).toEqual(new Set([sandbox.url]));
    expect(sandbox.tokenUrl).toBe(`${sandbox.url}/oauth/v1/token`);
  });

  it('starts empty of demo data with seed: false but keeps the workspace', async () => {
    await sandbox.close();
    sandbox = await startSandbox({ seed: false });
    expect(sandbox.state.shopify.customers.size).toBe(0);
    expect(sandbox.state.stripe.charges.size).toBe(0);
    expect(sandbox.state.slack.channels.length).toBeGreaterThan(0);
    expect(sandbox.state.github.repos.has('aiwire-demo/storefront')).toBe(true);
  });
});
