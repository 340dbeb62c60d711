import Stripe from 'stripe';
import { startSandbox, type Sandbox } from '../src/index.js';

type Json = Record<string, any>;

describe('Stripe API stand-in', () => {
  let sandbox: Sandbox;
  let call: (method: string, path: string, init?: { form?: Record<string, string> | string; headers?: Record<string, string>; key?: string | null }) => Promise<{ status: number; headers: Headers; body: Json }>;

  beforeEach(async () => {
    sandbox = await startSandbox({ limits: { stripePerSecond: 1000 } });
    call = async (method, path, init = {}) => {
      const key = init.key === undefined ? sandbox.credentials.stripeSecretKey : init.key;
      const headers: Record<string, string> = { ...(key && { authorization: `Bearer ${key}` }), ...init.headers };
      let body: string | undefined;
      if (init.form !== undefined) {
        headers['content-type'] ??= 'application/x-www-form-urlencoded';
        body = typeof init.form === 'string' ? init.form : new URLSearchParams(init.form).toString();
      }
      const res = await fetch(`${sandbox.urls.stripe}${path}`, { method, headers, ...(body !== undefined && { body }) });
      return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
    };
  });
  afterEach(() => sandbox.close());

  it('retrieves a customer and a payment intent, with a Request-Id on every answer', async () => {
    const customer = await call('GET', '/v1/customers/cus_Sbxmaya000001');
    expect(customer.status).toBe(200);
    expect(customer.body).toMatchObject({ id: 'cus_Sbxmaya000001', object: 'customer', email: 'maya.chen@example.com', livemode: false });
    expect(customer.headers.get('request-id')).toMatch(/^req_\w{14}$/);
    const intent = await call('GET', '/v1/payment_intents/pi_3Sbx1004order0001');
    expect(intent.body).toMatchObject({ object: 'payment_intent', status: 'succeeded', customer: 'cus_Sbxsofia000001', latest_charge: 'ch_3Sbx1004order0001' });
    const missing = await call('GET', '/v1/customers/cus_nope');
    expect(missing.headers.get('request-id')).toMatch(/^req_/);
  });

  it('accepts the key as Basic-auth user name, like curl -u', async () => {
    const res = await fetch(`${sandbox.url}/v1/customers/cus_Sbxliam000001`, {
      headers: { authorization: `Basic ${Buffer.from(`${sandbox.credentials.stripeSecretKey}:`).toString('base64')}` },
    });
    expect(res.status).toBe(200);
  });

  it('answers 401 without a key and with a wrong one, never echoing the key', async () => {
    const none = await call('GET', '/v1/customers/cus_Sbxmaya000001', { key: null });
    expect(none.status).toBe(401);
    expect(none.body.error.type).toBe('invalid_request_error');
    expect(none.body.error.message).toMatch(/^You did not provide an API key\./);
    expect(none.headers.get('www-authenticate')).toBe('Basic realm="Stripe"');
    const wrong = await call('GET', '/v1/customers/cus_Sbxmaya000001', { key: 'sk_test_51WrongKeyAbcdefgh1234' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe(`Invalid API Key provided: sk_test_${'*'.repeat(18)}1234`);
    expect(JSON.stringify(wrong.body)).not.toContain('WrongKey');
  });

  it('answers 404 resource_missing with param and doc_url', async () => {
    const res = await call('GET', '/v1/payment_intents/pi_missing');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: {
        type: 'invalid_request_error',
        code: 'resource_missing',
        message: "No such payment_intent: 'pi_missing'",
        param: 'id',
        doc_url: 'https://stripe.com/docs/error-codes/resource-missing',
      },
    });
  });

  it('lists charges newest first with has_more, url and starting_after pagination', async () => {
    const first = await call('GET', '/v1/charges?customer=cus_Sbxmaya000001&limit=2');
    expect(first.body).toMatchObject({ object: 'list', url: '/v1/charges', has_more: true });
    expect(first.body.data.map((c: Json) => c.id)).toEqual(['ch_3Sbx1005order0001', 'ch_3Sbx1003order0001']);
    const second = await call('GET', `/v1/charges?customer=cus_Sbxmaya000001&limit=2&starting_after=${first.body.data[1].id}`);
    expect(second.body.has_more).toBe(false);
    expect(second.body.data.map((c: Json) => c.id)).toEqual(['ch_3Sbx1001order0001']);
    const back = await call('GET', '/v1/charges?customer=cus_Sbxmaya000001&limit=1&ending_before=ch_3Sbx1001order0001');
    expect(back.body.data.map((c: Json) => c.id)).toEqual(['ch_3Sbx1003order0001']);
  });

  it.each([
    ['/v1/charges?colour=red', 'parameter_unknown', 'colour'],
    ['/v1/charges?limit=0', 'parameter_invalid_integer', 'limit'],
    ['/v1/charges?limit=abc', 'parameter_invalid_integer', 'limit'],
    ['/v1/charges?customer=cus_ghost', 'resource_missing', 'customer'],
    ['/v1/charges?starting_after=ch_ghost', 'resource_missing', 'starting_after'],
  ])('refuses %s with 400 %s', async (path, code, param) => {
    const res = await call('GET', path);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ type: 'invalid_request_error', code, param });
  });

  it('creates, lists and deletes webhook endpoints; only creation reveals the whsec_ secret', async () => {
    const created = await call('POST', '/v1/webhook_endpoints', {
      form: 'url=http%3A%2F%2F127.0.0.1%3A9%2Fwebhooks%2Fstripe&enabled_events[]=payment_intent.succeeded&enabled_events[]=charge.refunded&metadata[app]=aiwire',
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ object: 'webhook_endpoint', status: 'enabled', enabled_events: ['payment_intent.succeeded', 'charge.refunded'], metadata: { app: 'aiwire' } });
    expect(created.body.id).toMatch(/^we_/);
    expect(created.body.secret).toMatch(/^whsec_\w{32}$/);
    expect(sandbox.state.stripe.webhookEndpoints.get(created.body.id)?.secret).toBe(created.body.secret);

    const list = await call('GET', '/v1/webhook_endpoints');
    expect(list.body).toMatchObject({ object: 'list', has_more: false, url: '/v1/webhook_endpoints' });
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0]).not.toHaveProperty('secret');

    const deleted = await call('DELETE', `/v1/webhook_endpoints/${created.body.id}`);
    expect(deleted.body).toEqual({ id: created.body.id, object: 'webhook_endpoint', deleted: true });
    expect((await call('DELETE', `/v1/webhook_endpoints/${created.body.id}`)).status).toBe(404);
  });

  it('validates webhook endpoint parameters and refuses JSON bodies', async () => {
    const missing = await call('POST', '/v1/webhook_endpoints', { form: { 'enabled_events[]': '*' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'parameter_missing', param: 'url', message: 'Missing required param: url.' });
    const unknown = await call('POST', '/v1/webhook_endpoints', { form: { url: 'https://x.test/h', 'enabled_events[]': '*', colour: 'red' } });
    expect(unknown.body.error).toMatchObject({ code: 'parameter_unknown', param: 'colour' });
    const json = await call('POST', '/v1/webhook_endpoints', { form: JSON.stringify({ url: 'https://x.test/h' }), headers: { 'content-type': 'application/json' } });
    expect(json.status).toBe(400);
    expect(json.body.error.message).toMatch(/application\/x-www-form-urlencoded/);
    expect(sandbox.state.stripe.webhookEndpoints.size).toBe(0);
  });

  it('replays an idempotent POST with Idempotent-Replayed and refuses the key with other parameters', async () => {
    const form = { url: 'https://example.test/stripe', 'enabled_events[0]': 'charge.succeeded' };
    const headers = { 'idempotency-key': 'create-endpoint-1' };
    const first = await call('POST', '/v1/webhook_endpoints', { form, headers });
    const replay = await call('POST', '/v1/webhook_endpoints', { form, headers });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.headers.get('original-request')).toBe(first.headers.get('request-id'));
    expect(replay.headers.get('request-id')).not.toBe(first.headers.get('request-id'));
    expect(sandbox.state.stripe.webhookEndpoints.size).toBe(1);

    const other = await call('POST', '/v1/webhook_endpoints', { form: { ...form, url: 'https://example.test/other' }, headers });
    expect(other.status).toBe(400);
    expect(other.body.error.type).toBe('idempotency_error');
    expect(other.body.error.message).toContain("Try using a key other than 'create-endpoint-1'");
    expect(sandbox.state.stripe.webhookEndpoints.size).toBe(1);
  });

  it('does not save a validation failure under an idempotency key', async () => {
    const headers = { 'idempotency-key': 'k-2' };
    expect((await call('POST', '/v1/webhook_endpoints', { form: { url: 'https://example.test/a' }, headers })).status).toBe(400);
    const fixed = await call('POST', '/v1/webhook_endpoints', { form: { url: 'https://example.test/a', 'enabled_events[]': '*' }, headers });
    expect(fixed.status).toBe(200);
    expect(fixed.headers.get('idempotent-replayed')).toBeNull();
  });

  it('answers 429 rate_limit over its per-second budget', async () => {
    await sandbox.close();
    sandbox = await startSandbox({ limits: { stripePerSecond: 2 } });
    await call('GET', '/v1/customers/cus_Sbxmaya000001');
    await call('GET', '/v1/customers/cus_Sbxmaya000001');
    const limited = await call('GET', '/v1/customers/cus_Sbxmaya000001');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ type: 'invalid_request_error', code: 'rate_limit', doc_url: 'https://stripe.com/docs/error-codes/rate-limit' });
  });

  describe('through the official stripe-node client', () => {
    const client = (maxNetworkRetries = 0) => new Stripe(sandbox.credentials.stripeSecretKey, { host: '127.0.0.1', port: Number(new URL(sandbox.url).port), protocol: 'http', maxNetworkRetries });

    it('retrieves, auto-paginates and creates', async () => {
      const stripe = client();
      expect((await stripe.customers.retrieve('cus_Sbxmaya000001')).id).toBe('cus_Sbxmaya000001');
      const ids: string[] = [];
      for await (const charge of stripe.charges.list({ customer: 'cus_Sbxmaya000001', limit: 1 })) ids.push(charge.id);
      expect(ids).toEqual(['ch_3Sbx1005order0001', 'ch_3Sbx1003order0001', 'ch_3Sbx1001order0001']);
      const endpoint = await stripe.webhookEndpoints.create({ url: 'https://example.test/hook', enabled_events: ['payment_intent.succeeded', 'charge.failed'] });
      expect(endpoint.secret).toMatch(/^whsec_/);
      expect(sandbox.state.stripe.webhookEndpoints.get(endpoint.id)?.enabled_events).toEqual(['payment_intent.succeeded', 'charge.failed']);
      expect((await stripe.webhookEndpoints.del(endpoint.id)).deleted).toBe(true);
    });

    it('maps our errors to its typed errors', async () => {
      const stripe = client();
      await expect(stripe.customers.retrieve('cus_ghost')).rejects.toMatchObject({ type: 'StripeInvalidRequestError', code: 'resource_missing', statusCode: 404 });
      await expect(new Stripe('sk_test_wrong_key_0000', { host: '127.0.0.1', port: Number(new URL(sandbox.url).port), protocol: 'http', maxNetworkRetries: 0 }).customers.retrieve('cus_Sbxmaya000001')).rejects.toMatchObject({ type: 'StripeAuthenticationError', statusCode: 401 });
      sandbox.faults.inject('stripe', { status: 429 });
      await expect(stripe.customers.retrieve('cus_Sbxmaya000001')).rejects.toMatchObject({ type: 'StripeRateLimitError', statusCode: 429 });
      await stripe.webhookEndpoints.create({ url: 'https://example.test/a', enabled_events: ['*'] }, { idempotencyKey: 'same' });
      await expect(stripe.webhookEndpoints.create({ url: 'https://example.test/b', enabled_events: ['*'] }, { idempotencyKey: 'same' })).rejects.toMatchObject({ type: 'StripeIdempotencyError', statusCode: 400 });
    });

    it('retries a 500 with the same idempotency key and gets one endpoint', async () => {
      const stripe = client(2);
      sandbox.faults.inject('stripe', { status: 500, method: 'POST' });
      const endpoint = await stripe.webhookEndpoints.create({ url: 'https://example.test/retry', enabled_events: ['*'] });
      expect(sandbox.state.stripe.webhookEndpoints.size).toBe(1);
      const posts = sandbox.state.requests.filter('stripe', 'POST /v1/webhook_endpoints');
      expect(posts).toHaveLength(2);
      expect(posts[0]?.headers['idempotency-key']).toBeTruthy();
      expect(posts[1]?.headers['idempotency-key']).toBe(posts[0]?.headers['idempotency-key']);
      expect(posts.map((p) => p.status)).toEqual([500, 200]);
      expect(endpoint.id).toMatch(/^we_/);
    });
  });

  it('updates a webhook endpoint (events, disabled) without showing the secret again', async () => {
    const created = await call('POST', '/v1/webhook_endpoints', { form: 'url=https%3A%2F%2Fx.test%2Fh&enabled_events[]=charge.refunded' });
    const updated = await call('POST', `/v1/webhook_endpoints/${created.body.id}`, {
      form: 'enabled_events[0]=charge.refunded&enabled_events[1]=payment_intent.succeeded&disabled=true',
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: created.body.id, status: 'disabled', enabled_events: ['charge.refunded', 'payment_intent.succeeded'] });
    expect(updated.body).not.toHaveProperty('secret');
    expect(sandbox.state.stripe.webhookEndpoints.get(created.body.id)?.secret).toBe(created.body.secret);
    const enabled = await call('POST', `/v1/webhook_endpoints/${created.body.id}`, { form: { disabled: 'false' } });
    expect(enabled.body.status).toBe('enabled');
    expect((await call('POST', '/v1/webhook_endpoints/we_ghost', { form: { disabled: 'false' } })).body.error).toMatchObject({ code: 'resource_missing' });
    expect((await call('POST', `/v1/webhook_endpoints/${created.body.id}`, { form: { colour: 'red' } })).body.error).toMatchObject({ code: 'parameter_unknown', param: 'colour' });
    expect((await call('POST', `/v1/webhook_endpoints/${created.body.id}`, { form: { disabled: 'maybe' } })).status).toBe(400);
  });
});
