import { DEMO_SHOP, startSandbox, type Sandbox } from '../src/index.js';

type Json = Record<string, any>;
const { customers } = DEMO_SHOP;

describe('Stripe API stand-in: payment intent lists, created ranges, charge outcomes', () => {
  let sandbox: Sandbox;
  const get = async (path: string) => {
    const res = await fetch(`${sandbox.urls.stripe}${path}`, { headers: { authorization: `Bearer ${sandbox.credentials.stripeSecretKey}` } });
    return { status: res.status, body: (await res.json()) as Json };
  };

  beforeEach(async () => {
    sandbox = await startSandbox({ limits: { stripePerSecond: 1000 } });
  });
  afterEach(() => sandbox.close());

  it("lists a customer's payment intents newest first, with latest_charge, paging by starting_after", async () => {
    const expected = [...sandbox.state.stripe.paymentIntents.values()].filter((pi) => pi.customer === customers.elise.stripeId).sort((a, b) => b.created - a.created).map((pi) => pi.id);
    expect(expected).toHaveLength(8);
    const first = await get(`/v1/payment_intents?customer=${customers.elise.stripeId}&limit=3`);
    expect(first.body).toMatchObject({ object: 'list', url: '/v1/payment_intents', has_more: true });
    expect(first.body.data.map((pi: Json) => pi.id)).toEqual(expected.slice(0, 3));
    expect(first.body.data[0]).toMatchObject({ object: 'payment_intent', status: 'succeeded', latest_charge: expect.stringMatching(/^ch_3Sbx/) });
    const rest = await get(`/v1/payment_intents?customer=${customers.elise.stripeId}&limit=10&starting_after=${expected[2]}`);
    expect(rest.body.data.map((pi: Json) => pi.id)).toEqual(expected.slice(3));
    expect(rest.body.has_more).toBe(false);
  });

  it('filters payment intents and charges by created[gte] / created[lt] and refuses a bad integer', async () => {
    const since = Math.floor(Date.now() / 1000) - 10 * 86_400;
    const recent = await get(`/v1/payment_intents?created[gte]=${since}&limit=100`);
    const expected = [...sandbox.state.stripe.paymentIntents.values()].filter((pi) => pi.created >= since);
    expect(recent.body.data.map((pi: Json) => pi.id).sort()).toEqual(expected.map((pi) => pi.id).sort());
    expect(expected.length).toBeGreaterThan(5);
    const older = await get(`/v1/charges?created[lt]=${since}&limit=100`);
    expect(older.body.data.length).toBe([...sandbox.state.stripe.charges.values()].filter((c) => c.created < since).length);
    expect(older.body.data.every((c: Json) => c.created < since)).toBe(true);
    expect(await get('/v1/payment_intents?created[gte]=soon')).toMatchObject({ status: 400, body: { error: { code: 'parameter_invalid_integer', param: 'created[gte]' } } });
    expect(await get('/v1/payment_intents?customer=cus_ghost')).toMatchObject({ status: 400, body: { error: { code: 'resource_missing', param: 'customer' } } });
    expect(await get('/v1/payment_intents?colour=red')).toMatchObject({ status: 400, body: { error: { code: 'parameter_unknown', param: 'colour' } } });
  });

  it('gives charges Stripe’s outcome; createPayment takes a risk level and score', async () => {
    const charges = await get(`/v1/charges?customer=${customers.sofia.stripeId}`);
    expect(charges.body.data[0]).toMatchObject({
      object: 'charge',
      payment_intent: 'pi_3Sbx1004order0001',
      amount: expect.any(Number),
      currency: 'usd',
      refunded: false,
      disputed: false,
      outcome: { risk_level: 'elevated', risk_score: 78, type: 'authorized', network_status: 'approved_by_network', seller_message: 'Payment complete.' },
    });
    const { paymentIntent, charge } = sandbox.state.stripe.createPayment({ customer: customers.zofia.stripeId, amount: 189_00, riskLevel: 'highest', riskScore: 96 });
    expect(paymentIntent).toMatchObject({ status: 'requires_payment_method', latest_charge: charge?.id });
    expect((await get(`/v1/charges/${charge!.id}`)).body.outcome).toMatchObject({ risk_level: 'highest', risk_score: 96, type: 'blocked', network_status: 'not_sent_to_network' });
    expect((await get(`/v1/payment_intents?customer=${customers.zofia.stripeId}`)).body.data.map((pi: Json) => pi.id)).toEqual([paymentIntent.id]);
  });

  it('lists customers filtered by exact, case-sensitive email, as Stripe does', async () => {
    const elise = sandbox.state.stripe.customers.get(customers.elise.stripeId)!;
    const found = await get(`/v1/customers?email=${encodeURIComponent(elise.email!)}`);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ object: 'list', url: '/v1/customers', has_more: false });
    expect(found.body.data.map((c: Json) => c.id)).toEqual([customers.elise.stripeId]);
    expect((await get(`/v1/customers?email=${encodeURIComponent(elise.email!.toUpperCase())}`)).body.data).toEqual([]);
    const all = await get('/v1/customers?limit=100');
    expect(all.body.data).toHaveLength(sandbox.state.stripe.customers.size);
  });
});
