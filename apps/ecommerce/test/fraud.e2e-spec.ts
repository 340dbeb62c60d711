import { eq } from 'drizzle-orm';
import { FlowsService, type FlowRunDetail } from '@aiwire/flows';
import { getConnectorToken, type ShopifyConnector } from '@aiwire/connectors';
import type { DatabaseDriver } from '../src/db/index.js';
import { schema as s } from '../src/db/index.js';
import { createTestDatabase, type TestDatabase } from '../src/db/testing/test-database.js';
import { startSandbox } from '@aiwire/sandbox';
import { startShop, type RunningShop } from '../src/shop/start-shop.js';
import { startTestShop } from './test-shop.js';
import type { FraudCheckResult } from '../src/fraud/fraud-check.flow.js';
import { waitFor } from '../../../test/support/wait.js';



const FLOW = 'order-fraud-check';
const HEADPHONES = 8_790_123_450_001;
const MUG = 8_790_123_450_003;
const MAYA = 7_390_384_554_201;
const RUSHED_NOTE = 'Please rush this, I need it today, urgent!';

/** Flow 3 end to end: a signed Shopify orders/create → rules + AI → the decision applied in Shopify, Slack and HubSpot. */
describe.each<DatabaseDriver>(['pglite', 'pg'])('order fraud check on %s', (driver) => {
  let shop: RunningShop;
  let flows: FlowsService;
  let people = 0;

  beforeAll(async () => {
    shop = await startTestShop(driver);
    flows = shop.app.get(FlowsService);
  }, 60_000);
  afterAll(async () => {
    await shop?.close();
  });

  const shopify = () => shop.sandbox.state.shopify;

  /** The run that the order's webhook started, once it has finished. */
  const finishedRun = (orderId: number, timeoutMs = 30_000) => waitFor(async () => {
    const { runs } = await flows.list({ flow: FLOW, limit: 500 });
    const run = runs.find((r) => (r.input as { id?: unknown }).id === orderId);
    if (!run || !['completed', 'failed'].includes(run.status)) return undefined;
    return (await flows.get(run.id)) as FlowRunDetail;
  }, timeoutMs, `the fraud check of order ${orderId}`);

  /** A first-time buyer, in Shopify and (with the same email and Shopify id) in Stripe. */
  const newCustomer = (opts: { disputedPastCharge?: boolean } = {}) => {
    const n = ++people;
    const email = `buyer${n}.${driver}@example.net`;
    const customer = shopify().createCustomer({ firstName: 'New', lastName: `Buyer${n}`, email, address: { address1: '9 Side St', city: 'Austin', province: 'Texas', country: 'United States', zip: '73301', country_code: 'US' } });
    const stripeCustomer = shop.sandbox.state.stripe.createCustomer({ name: `New Buyer${n}`, email, metadata: { shopify_customer_id: String(customer.id) } });
    if (opts.disputedPastCharge) {
      const { charge } = shop.sandbox.state.stripe.createPayment({ customer: stripeCustomer.id, amount: 4_900, description: 'an order on another storefront' });
      // Stripe sets `disputed` when the cardholder opens a dispute; the sandbox has no dispute API yet.
      Object.assign(charge!, { disputed: true });
    }
    return customer;
  };

  const riskyOrder = (customerId: number, extra: { fulfillmentStatus?: 'fulfilled' } = {}) =>
    shopify().createOrder({ customerId, lineItems: [{ productId: HEADPHONES, quantity: 6 }], note: RUSHED_NOTE, ...extra });

  const slackAbout = (name: string) => shop.sandbox.state.slack.messagesIn('#alerts').filter((m) => m.text.includes(`Order ${name} `));
  const crmTicketsAbout = (name: string) => [...shop.sandbox.state.hubspot.tickets.values()].filter((t) => t.properties.subject === `Fraud review: order ${name}`);
  const orderRow = async (shopifyId: number) => (await shop.db.select().from(s.orders).where(eq(s.orders.shopifyId, shopifyId)))[0];
  const decisionsOf = async (orderRowId: number) => shop.db.select().from(s.fraudDecisions).where(eq(s.fraudDecisions.orderId, orderRowId));

  it('approves a usual order from a known customer and tags it in Shopify, keeping its other tags', async () => {
    const order = shopify().createOrder({ customerId: MAYA, lineItems: [{ productId: MUG, quantity: 1 }], note: 'Gift wrap please' });
    order.tags = 'gift-wrap';
    await shop.sandbox.emit('shopify', 'orders/create', order);
    const run = await finishedRun(order.id);
    expect(run.status).toBe('completed');
    const output = run.output as FraudCheckResult;
    expect(output).toMatchObject({ decision: 'approve', tags: ['gift-wrap', 'fraud:approved'] });
    expect(output.score).toBeLessThan(60);

    expect(shopify().orders.get(order.id)!.tags).toBe('gift-wrap, fraud:approved');
    expect(shopify().fulfillmentOrdersOf(order.id).map((fo) => fo.status)).toEqual(['open']);
    expect(slackAbout(order.name)).toEqual([]);
    expect(crmTicketsAbout(order.name)).toEqual([]);

    const row = await orderRow(order.id);
    expect(row).toMatchObject({ status: 'approved', tags: ['gift-wrap', 'fraud:approved'], name: order.name, currency: 'USD', total: Number(order.total_price) });
    const [decision] = await decisionsOf(row!.id);
    expect(decision).toMatchObject({ decision: 'approve', score: output.score });
    expect(decision!.appliedAt).toBeInstanceOf(Date);
    expect(row!.fraudDecisionId).toBe(decision!.id);
    expect(decision!.reasons).toContainEqual({ kind: 'ai', text: expect.stringMatching(/^order note read as "/) });

    const api = await fetch(`${shop.url}/orders/${order.id}`);
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({ shopifyOrderId: order.id, status: 'approved', decision: 'approve', score: output.score });
  }, 60_000);

  it('holds a risky order in Shopify, alerts #alerts and opens a CRM ticket, each saying why', async () => {
    const customer = newCustomer({ disputedPastCharge: true });
    const order = riskyOrder(customer.id);
    await shop.sandbox.emit('shopify', 'orders/create', order);
    const run = await finishedRun(order.id);
    expect(run.status).toBe('completed');
    const output = run.output as FraudCheckResult;
    expect(output).toMatchObject({ decision: 'hold', onHold: true, score: 100, tags: ['fraud:held'] });
    expect(output.reasons).toEqual(expect.arrayContaining([
      expect.stringMatching(/^first order is large/), '6 units of one item', 'note asks for rushed or unusual delivery', '1 past payment disputed (chargeback)',
    ]));

    // Shopify: tagged and its fulfillment held, with the reason.
    expect(shopify().orders.get(order.id)!.tags).toBe('fraud:held');
    const [fo] = shopify().fulfillmentOrdersOf(order.id);
    expect(fo!.status).toBe('on_hold');
    expect(fo!.fulfillment_holds).toEqual([{ reason: 'high_risk_of_fraud', reason_notes: expect.stringContaining('Fraud score 100/100') }]);
    // Slack says "on hold" because Shopify holds it; the CRM ticket is the customer's.
    const [alert, ...more] = slackAbout(order.name);
    expect(more).toEqual([]);
    expect(alert!.text).toContain('is on hold in Shopify');
    expect(alert!.text).toContain('1 past payment disputed (chargeback)');
    const [ticket] = crmTicketsAbout(order.name);
    expect(ticket!.properties.hs_ticket_priority).toBe('HIGH');
    expect(ticket!.id).toBe(output.crmTicketId);

    const row = await orderRow(order.id);
    expect(row).toMatchObject({ status: 'on_hold', tags: ['fraud:held'] });
    const [decision] = await decisionsOf(row!.id);
    expect(decision).toMatchObject({ decision: 'hold', score: 100 });
    expect(decision!.appliedAt).toBeInstanceOf(Date);

    const held = (await (await fetch(`${shop.url}/orders?status=on_hold`)).json()) as { shopifyOrderId: number; decision: string; reasons: { kind: string; text: string }[] }[];
    const listed = held.find((o) => o.shopifyOrderId === order.id);
    expect(listed).toMatchObject({ decision: 'hold', score: 100 });
    expect(listed!.reasons).toContainEqual({ kind: 'rule', text: '1 past payment disputed (chargeback)' });
    expect(held.every((o) => (o as unknown as { status: string }).status === 'on_hold')).toBe(true);
  }, 60_000);

  it('says the hold failed, and never that the order is on hold, when Shopify refuses it (422)', async () => {
    const customer = newCustomer();
    // Already fulfilled: its fulfillment order is closed, and Shopify answers 422 to a hold.
    const order = riskyOrder(customer.id, { fulfillmentStatus: 'fulfilled' });
    await shop.sandbox.emit('shopify', 'orders/create', order);
    const run = await finishedRun(order.id);
    expect(run.status).toBe('completed');
    const output = run.output as FraudCheckResult;
    expect(output).toMatchObject({ decision: 'hold', onHold: false, tags: ['fraud:hold-failed'] });
    expect(output.holdError).toContain('422');
    expect(output.holdError).toContain('must be open to apply a fulfillment hold, but it is closed');

    expect(shopify().fulfillmentOrdersOf(order.id).map((fo) => fo.status)).toEqual(['closed']);
    const [alert] = slackAbout(order.name);
    expect(alert!.text).toContain('the hold failed');
    expect(alert!.text).toContain('needs a manual hold');
    expect(alert!.text).not.toContain('is on hold');
    expect(crmTicketsAbout(order.name)[0]!.properties.hs_ticket_priority).toBe('URGENT');
    expect(shopify().orders.get(order.id)!.tags).toBe('fraud:hold-failed');

    const row = await orderRow(order.id);
    expect(row!.status).toBe('needs_manual_hold');
    const [decision] = await decisionsOf(row!.id);
    expect(decision).toMatchObject({ decision: 'hold', appliedAt: null });
  }, 60_000);

  it('starts no second run for a duplicate delivery', async () => {
    const order = shopify().createOrder({ customerId: MAYA, lineItems: [{ productId: MUG, quantity: 1 }] });
    const send = () => shop.sandbox.sendWebhook(`${shop.url}/webhooks/shopify`, 'shopify', { type: 'orders/create', payload: order, id: `dup-${driver}-${order.id}` }, shop.sandbox.credentials.shopifyApiSecret);
    expect((await send()).status).toBe(202);
    const first = await finishedRun(order.id);
    expect(first.id).toBe(`dup-${driver}-${order.id}`);
    const again = await send();
    expect(again.status).toBe(200);
    await shop.recorded();
    const { runs } = await flows.list({ flow: FLOW, limit: 500 });
    expect(runs.filter((r) => (r.input as { id?: unknown }).id === order.id)).toHaveLength(1);
    expect(shopify().orders.get(order.id)!.tags).toBe('fraud:approved');
    expect(await decisionsOf((await orderRow(order.id))!.id)).toHaveLength(1);
  }, 60_000);

  it('fails a run whose payload is not an order, with every problem listed, and applies nothing', async () => {
    const bad = { id: 'not-a-number', name: '#9999', created_at: 'yesterday', currency: 'USD', total_price: 'lots', line_items: [] };
    const ordersBefore = (await shop.db.select().from(s.orders)).length;
    const alertsBefore = shop.sandbox.state.slack.messagesIn('#alerts').length;
    const sent = await shop.sandbox.sendWebhook(`${shop.url}/webhooks/shopify`, 'shopify', { type: 'orders/create', payload: bad, id: `bad-${driver}` }, shop.sandbox.credentials.shopifyApiSecret);
    expect(sent.status).toBe(202);
    const run = await waitFor(async () => {
      const r = await flows.get(`bad-${driver}`).catch(() => undefined);
      return r && ['completed', 'failed'].includes(r.status) ? r : undefined;
    }, 20_000, 'the bad run');
    expect(run.status).toBe('failed');
    expect(run.error?.name).toBe('InvalidFlowInputError');
    for (const problem of ['id must be an integer number', 'created_at must be a valid ISO 8601 date string', 'total_price must be a number string', 'line_items should not be empty']) {
      expect(run.error?.message).toContain(problem);
    }
    expect(run.steps).toEqual([]);
    expect((await shop.db.select().from(s.orders)).length).toBe(ordersBefore);
    expect(shop.sandbox.state.slack.messagesIn('#alerts').length).toBe(alertsBefore);
    await shop.recorded();
    const [mirrored] = await shop.db.select().from(s.flowRuns).where(eq(s.flowRuns.id, `bad-${driver}`));
    expect(mirrored).toMatchObject({ flow: FLOW, status: 'failed' });
  }, 60_000);

  it('answers 404 for an order it has not seen and 400 for an id that is not one', async () => {
    const missing = await fetch(`${shop.url}/orders/1234567`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ message: 'No order with Shopify id 1234567.' });
    expect((await fetch(`${shop.url}/orders/abc`)).status).toBe(400);
  });

  it('resumes after a Shopify 500 on the tag step without a second Slack message or CRM ticket', async () => {
    const customer = newCustomer({ disputedPastCharge: true });
    const order = riskyOrder(customer.id);
    // Every attempt to tag the order fails; the hold, the alert and the ticket before it succeed.
    shop.sandbox.faults.inject('shopify', { status: 500, method: 'PUT', path: `/orders/${order.id}.json`, times: 1000 });
    await shop.sandbox.emit('shopify', 'orders/create', order);
    const failed = await finishedRun(order.id, 60_000);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({ step: 'tag-held' });
    // Shopify answered 500 until the connector's circuit breaker opened and stopped calling it.
    expect(failed.error?.message).toMatch(/500|Circuit "connector:shopify" is open/);
    const refusedTags = shop.sandbox.state.requests.entries.filter((e) => e.method === 'PUT' && e.path.includes(`/orders/${order.id}.json`));
    expect(refusedTags.length).toBeGreaterThan(0);
    expect(refusedTags.every((e) => e.status === 500 && e.faulted)).toBe(true);
    expect(slackAbout(order.name)).toHaveLength(1);
    expect(crmTicketsAbout(order.name)).toHaveLength(1);
    expect(shopify().fulfillmentOrdersOf(order.id)[0]!.status).toBe('on_hold');
    expect(shopify().orders.get(order.id)!.tags).toBe('');
    const row = await orderRow(order.id);
    expect((await decisionsOf(row!.id))[0]!.appliedAt).toBeNull();

    shop.sandbox.faults.clear();
    // The 500s opened the Shopify connector's circuit breaker: wait until a probe closes it.
    const connector = shop.app.get<ShopifyConnector>(getConnectorToken('shopify'));
    await waitFor(() => connector.getOrder(order.id).then(() => true, () => false), 45_000, 'the Shopify circuit to close');
    await flows.replay(failed.id);
    const done = await waitFor(async () => {
      const r = await flows.get(failed.id);
      return r && ['completed', 'failed'].includes(r.status) ? r : undefined;
    }, 30_000, 'the replayed run');
    expect(done.status).toBe('completed');
    expect(done.output).toMatchObject({ decision: 'hold', onHold: true, tags: ['fraud:held'] });
    expect(slackAbout(order.name)).toHaveLength(1);
    expect(crmTicketsAbout(order.name)).toHaveLength(1);
    expect(shopify().orders.get(order.id)!.tags).toBe('fraud:held');
    expect(await orderRow(order.id)).toMatchObject({ status: 'on_hold', tags: ['fraud:held'] });
    expect((await decisionsOf(row!.id))[0]!.appliedAt).toBeInstanceOf(Date);
  }, 150_000);
});

/** With an LLM configured (the sandbox's OpenAI), the decision carries its one-paragraph explanation; an LLM failure never stops the check. */
describe('order fraud check with an LLM on pglite', () => {
  let target: TestDatabase;
  let sandbox: RunningShop['sandbox'];
  let shop: RunningShop;
  let flows: FlowsService;

  beforeAll(async () => {
    target = await createTestDatabase('pglite');
    sandbox = await startSandbox({ port: 0 });
    shop = await startShop({
      sandbox, database: target.options, logger: false,
      env: { LOG_LEVEL: 'silent', OPENAI_API_KEY: sandbox.credentials.openaiApiKey, OPENAI_BASE_URL: `${sandbox.urls.openai}/v1` },
    });
    flows = shop.app.get(FlowsService);
  }, 60_000);
  afterAll(async () => {
    await shop?.close();
    await sandbox?.close();
    await target?.drop();
  });

  const decide = async (lineItems: { productId: number; quantity: number }[]) => {
    const order = sandbox.state.shopify.createOrder({ customerId: MAYA, lineItems });
    await sandbox.emit('shopify', 'orders/create', order);
    const run = await waitFor(async () => {
      const { runs } = await flows.list({ flow: FLOW });
      const found = runs.find((r) => (r.input as { id?: unknown }).id === order.id);
      return found && ['completed', 'failed'].includes(found.status) ? found : undefined;
    }, 30_000, `the fraud check of ${order.name}`);
    const [row] = await shop.db.select().from(s.orders).where(eq(s.orders.shopifyId, order.id));
    const [decision] = await shop.db.select().from(s.fraudDecisions).where(eq(s.fraudDecisions.orderId, row!.id));
    return { order, run, decision: decision! };
  };

  it('stores the LLM\'s explanation, asked with the facts and the rules that fired', async () => {
    const paragraph = 'A repeat VIP customer ordering one usual item; nothing in the order or the payment history suggests fraud.';
    sandbox.state.openai.answers.push(paragraph);
    const { order, run, decision } = await decide([{ productId: MUG, quantity: 1 }]);
    expect(run.status).toBe('completed');
    expect(decision.reasons).toContainEqual({ kind: 'explanation', text: paragraph });
    const prompt = JSON.stringify(sandbox.state.openai.completions.at(-1)!.body);
    expect(prompt).toContain(`Order ${order.name}`);
    expect(prompt).toContain('Rules that fired: long-standing VIP customer');
    expect(prompt).toContain('decision: approve');
  }, 60_000);

  it('decides and applies without an explanation when the LLM fails, and records why', async () => {
    sandbox.faults.inject('openai', { status: 500, times: 50 });
    const { order, run, decision } = await decide([{ productId: MUG, quantity: 2 }]);
    sandbox.faults.clear();
    expect(run.status).toBe('completed');
    expect(decision).toMatchObject({ decision: 'approve' });
    expect(decision.appliedAt).toBeInstanceOf(Date);
    expect(decision.reasons).not.toContainEqual(expect.objectContaining({ kind: 'explanation' }));
    expect(decision.reasons).toContainEqual({ kind: 'ai', text: expect.stringMatching(/^no AI explanation: /) });
    expect(sandbox.state.shopify.orders.get(order.id)!.tags).toBe('fraud:approved');
  }, 60_000);
});
