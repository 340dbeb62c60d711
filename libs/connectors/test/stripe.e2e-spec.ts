import { DEMO_SHOP, startSandbox, type Sandbox } from '@aiwire/sandbox';
import { ConnectorHttpError, type StripeConnector } from '@aiwire/connectors';
import { rejectionOf, sandboxConnectors, startConnectors, type RunningConnectors } from './connectors-fixtures.js';

describe('StripeConnector against the Stripe API stand-in', () => {
  let sandbox: Sandbox;
  let running: RunningConnectors;
  let stripe: StripeConnector;

  beforeEach(async () => {
    sandbox = await startSandbox({ limits: { stripePerSecond: 1000 } });
    running = await startConnectors({ stripe: { ...sandboxConnectors(sandbox).stripe!, retry: { baseDelayMs: 20 } } });
    stripe = running.get('stripe');
  });
  afterEach(async () => {
    await running.close();
    await sandbox.close();
  });

  it('reads a customer and a payment intent, expanding the customer', async () => {
    const customer = await stripe.getCustomer('cus_Sbxmaya000001');
    expect(customer).toMatchObject({ id: 'cus_Sbxmaya000001', object: 'customer', email: 'maya.chen@example.com' });
    const intent = await stripe.getPaymentIntent('pi_3Sbx1004order0001');
    expect(intent).toMatchObject({ object: 'payment_intent', status: 'succeeded', customer: 'cus_Sbxsofia000001' });
    expect(sandbox.state.requests.entries.at(-1)?.headers.authorization).toBe('[redacted]');
  });

  it('lists charges with starting_after, walking every page', async () => {
    const expected = [...sandbox.state.stripe.charges.values()].sort((a, b) => b.created - a.created).map((c) => c.id);
    const first = await stripe.listCharges({ limit: 2 });
    expect(first).toMatchObject({ object: 'list', has_more: true });
    expect(first.data.map((c) => c.id)).toEqual(expected.slice(0, 2));
    const before = sandbox.state.requests.count('stripe', 'GET /v1/charges');
    const all = await stripe.listCharges({ limit: 2 }).toArray();
    expect(all.map((c) => c.id)).toEqual(expected);
    expect(sandbox.state.requests.count('stripe', 'GET /v1/charges') - before).toBe(Math.ceil(expected.length / 2));
    const walk = sandbox.state.requests.filter('stripe', 'GET /v1/charges').slice(before).map((r) => r.path);
    expect(walk[0]).not.toContain('starting_after');
    expect(walk[1]).toContain(`starting_after=${expected[1]}`);
  });

  it("filters a customer's charges", async () => {
    const charges = await stripe.listCharges({ customer: 'cus_Sbxmaya000001' }).toArray();
    expect(charges.length).toBeGreaterThan(0);
    expect(charges.every((c) => c.customer === 'cus_Sbxmaya000001')).toBe(true);
  });

  it('fails a 404 with the provider code, message and request id', async () => {
    const error = await rejectionOf(stripe.getCustomer('cus_ghost'));
    expect(error).toBeInstanceOf(ConnectorHttpError);
    expect(error).toMatchObject({ status: 404, code: 'resource_missing', providerMessage: "No such customer: 'cus_ghost'", attempts: 1, endpoint: '/v1/customers/{id}' });
    expect((error as ConnectorHttpError).requestId).toMatch(/^req_/);
    expect(error.message).toMatch(/Check the id/);
  });

  it('sends the same Idempotency-Key on every retry of a POST, so two 500s after the work was done still create one endpoint', async () => {
    // Stripe creates the endpoint, then the answer is lost behind a 500, twice: each resend must be a replay.
    sandbox.faults.inject('stripe', { status: 500, times: 2, afterHandler: true, method: 'POST', path: '/v1/webhook_endpoints' });
    const endpoint = await stripe.createWebhookEndpoint({ url: 'https://hooks.example.com/stripe', enabled_events: ['charge.refunded'] });
    expect(endpoint.secret).toMatch(/^whsec_/);
    const posts = sandbox.state.requests.filter('stripe', 'POST /v1/webhook_endpoints');
    expect(posts.map((p) => p.status)).toEqual([500, 500, 200]);
    const keys = new Set(posts.map((p) => p.headers['idempotency-key']));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(sandbox.state.stripe.webhookEndpoints.size).toBe(1);
    expect([...sandbox.state.stripe.webhookEndpoints.values()][0]?.secret).toBe(endpoint.secret);
  });

  it('replays, not repeats, a POST whose answer was lost to a timeout after Stripe processed it', async () => {
    const quick = await startConnectors({ stripe: { ...sandboxConnectors(sandbox).stripe!, timeoutMs: 150, retry: { baseDelayMs: 20 } } });
    try {
      sandbox.faults.inject('stripe', { hang: true, afterHandler: true, method: 'POST' });
      const created = await quick.get<StripeConnector>('stripe').createWebhookEndpoint({ url: 'https://hooks.example.com/slow', enabled_events: ['*'] });
      expect(created.url).toBe('https://hooks.example.com/slow');
    } finally {
      await quick.close();
    }
    const posts = sandbox.state.requests.filter('stripe', 'POST /v1/webhook_endpoints');
    expect(posts.map((p) => p.status)).toEqual([undefined, 200]);
    expect(posts[0]?.headers['idempotency-key']).toBe(posts[1]?.headers['idempotency-key']);
    expect(sandbox.state.stripe.webhookEndpoints.size).toBe(1);
  });

  it('honours Stripe-Should-Retry: false on a 500 and retries a 409 lock_timeout', async () => {
    sandbox.faults.inject('stripe', { status: 500, headers: { 'Stripe-Should-Retry': 'false' } });
    const error = await rejectionOf(stripe.getCustomer('cus_Sbxmaya000001'));
    expect(error).toMatchObject({ status: 500, attempts: 1 });
    sandbox.faults.inject('stripe', { status: 409 });
    await expect(stripe.getCustomer('cus_Sbxmaya000001')).resolves.toMatchObject({ id: 'cus_Sbxmaya000001' });
    expect(sandbox.state.requests.filter('stripe').slice(-2).map((r) => r.status)).toEqual([409, 200]);
  });

  it('does not retry a 401 from a static key that did not change, and never shows the key', async () => {
    const wrong = await startConnectors({ stripe: { ...sandboxConnectors(sandbox).stripe!, auth: { type: 'bearer', token: 'sk_test_wrongwrongwrong1234' } } });
    try {
      const error = await rejectionOf(wrong.get<StripeConnector>('stripe').getCustomer('cus_Sbxmaya000001'));
      expect(error).toMatchObject({ status: 401, attempts: 1 });
      expect(error.message).toMatch(/credentials were refused/);
      expect(JSON.stringify({ message: error.message, body: (error as ConnectorHttpError).body })).not.toContain('sk_test_wrongwrongwrong1234');
    } finally {
      await wrong.close();
    }
  });

  it("lists a customer's charges with Stripe's outcome, payment intent, amount and refund state", async () => {
    const charges = await stripe.listCharges({ customer: DEMO_SHOP.customers.sofia.stripeId }).toArray();
    expect(charges).toHaveLength(1);
    expect(charges[0]).toMatchObject({
      payment_intent: 'pi_3Sbx1004order0001',
      amount: expect.any(Number),
      currency: 'usd',
      refunded: false,
      disputed: false,
      outcome: { risk_level: 'elevated', risk_score: 78, type: 'authorized', network_status: 'approved_by_network', seller_message: 'Payment complete.' },
    });
    const liam = await stripe.listCharges({ customer: DEMO_SHOP.customers.liam.stripeId });
    expect(liam.data[0]).toMatchObject({ refunded: true, outcome: { risk_level: 'normal' } });
  });

  it("lists a customer's payment intents newest first, with created ranges and every page", async () => {
    const elise = DEMO_SHOP.customers.elise.stripeId;
    const expected = [...sandbox.state.stripe.paymentIntents.values()].filter((pi) => pi.customer === elise).sort((a, b) => b.created - a.created).map((pi) => pi.id);
    const first = await stripe.listPaymentIntents({ customer: elise, limit: 3 });
    expect(first).toMatchObject({ object: 'list', has_more: true, url: '/v1/payment_intents' });
    expect(first.data.map((pi) => pi.id)).toEqual(expected.slice(0, 3));
    expect(first.data[0]).toMatchObject({ object: 'payment_intent', status: 'succeeded', customer: elise, latest_charge: expect.stringMatching(/^ch_3Sbx/) });
    expect((await stripe.listPaymentIntents({ customer: elise, limit: 3 }).toArray()).map((pi) => pi.id)).toEqual(expected);
    const since = Math.floor(Date.now() / 1000) - 20 * 86_400;
    const recent = await stripe.listPaymentIntents({ customer: elise, created: { gte: since } }).toArray();
    expect(recent.map((pi) => pi.id)).toEqual([...sandbox.state.stripe.paymentIntents.values()].filter((pi) => pi.customer === elise && pi.created >= since).sort((a, b) => b.created - a.created).map((pi) => pi.id));
    expect(recent.length).toBeGreaterThan(1);
    expect(sandbox.state.requests.filter('stripe', 'GET /v1/payment_intents').at(-1)?.path).toContain(`created%5Bgte%5D=${since}`);
  });

  it('fails listPaymentIntents with the typed 400 resource_missing for an unknown customer', async () => {
    const error = await rejectionOf(Promise.resolve(stripe.listPaymentIntents({ customer: 'cus_ghost' })));
    expect(error).toBeInstanceOf(ConnectorHttpError);
    expect(error).toMatchObject({ status: 400, code: 'resource_missing', providerMessage: "No such customer: 'cus_ghost'", attempts: 1, endpoint: '/v1/payment_intents' });
  });
});
