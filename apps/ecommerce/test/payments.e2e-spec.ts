import { eq } from 'drizzle-orm';
import { FlowsService, type FlowRunDetail } from '@aiwire/flows';
import { getConnectorToken, type HubSpotConnector } from '@aiwire/connectors';
import type { DatabaseDriver } from '../src/db/index.js';
import { schema as s } from '../src/db/index.js';
import type { RunningShop } from '../src/shop/start-shop.js';
import { startTestShop } from './test-shop.js';
import type { PaymentCompletedResult } from '../src/payments/payment-completed.flow.js';
import { waitFor } from '../../../test/support/wait.js';

const FLOW = 'payment-completed';
const MUG = 8_790_123_450_003;
const LAMP = 8_790_123_450_004;

/** Flow 4 end to end: a signed Stripe payment_intent.succeeded → the payment read back and checked → rows, helpdesk, Slack, HubSpot. */
describe.each<DatabaseDriver>(['pglite', 'pg'])('payment completed on %s', (driver) => {
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

  const state = () => shop.sandbox.state;

  /** A customer known to Shopify, Stripe (tagged with the Shopify id) and HubSpot, with an order of two mugs and a lamp. */
  const customerWithOrder = () => {
    const n = ++people;
    const email = `payer${n}.${driver}@example.net`;
    const customer = state().shopify.createCustomer({ firstName: 'Pat', lastName: `Payer${n}`, email });
    const stripeCustomer = state().stripe.createCustomer({ name: `Pat Payer${n}`, email, metadata: { shopify_customer_id: String(customer.id) } });
    const contact = state().hubspot.createContact({ email, firstname: 'Pat', lastname: `Payer${n}` });
    const order = state().shopify.createOrder({ customerId: customer.id, lineItems: [{ productId: MUG, quantity: 2 }, { productId: LAMP, quantity: 1 }] });
    return { email, customer, stripeCustomer, contact, order };
  };

  /** The payment the checkout makes for the order; `change` alters what Stripe charged. */
  const pay = (p: ReturnType<typeof customerWithOrder>, change: { amount?: number; currency?: string; customer?: string } = {}) =>
    state().stripe.createPayment({
      customer: change.customer ?? p.stripeCustomer.id,
      amount: change.amount ?? Math.round(Number(p.order.total_price) * 100),
      ...(change.currency && { currency: change.currency }),
      description: `Shopify order ${p.order.name}`,
      metadata: { shopify_order_id: String(p.order.id), order_name: p.order.name },
    }).paymentIntent;

  const finishedRun = (paymentIntentId: string, timeoutMs = 30_000) => waitFor(async () => {
    const { runs } = await flows.list({ flow: FLOW, limit: 500 });
    const run = runs.find((r) => (r.input as { data?: { object?: { id?: string } } }).data?.object?.id === paymentIntentId);
    if (!run || !['completed', 'failed'].includes(run.status)) return undefined;
    return (await flows.get(run.id)) as FlowRunDetail;
  }, timeoutMs, `the payment run of ${paymentIntentId}`);

  const paymentRow = async (id: string) => (await shop.db.select().from(s.payments).where(eq(s.payments.stripePaymentIntentId, id)))[0];
  const orderRow = async (shopifyId: number) => (await shop.db.select().from(s.orders).where(eq(s.orders.shopifyId, shopifyId)))[0];
  const reviewAlerts = (paymentIntentId: string) => state().slack.messagesIn('#general').filter((m) => m.text.includes(paymentIntentId));

  it('confirms a payment that matches its order to the customer, marks the order paid and updates the CRM contact', async () => {
    const p = customerWithOrder();
    const intent = pay(p);
    await shop.sandbox.emit('stripe', 'payment_intent.succeeded', intent);
    const run = await finishedRun(intent.id);
    expect(run.status).toBe('completed');
    const output = run.output as PaymentCompletedResult;
    expect(output).toMatchObject({ status: 'paid', alertTs: null, crmUpdated: true });
    expect(output.checks.map((c) => [c.check, c.ok])).toEqual([['status', true], ['order', true], ['currency', true], ['amount', true], ['customer', true], ['risk', true]]);

    // The helpdesk emailed the customer, once; the id is on our row.
    const [message, ...more] = state().helpdesk.messagesTo(p.email);
    expect(more).toEqual([]);
    expect(message).toMatchObject({ id: output.confirmationMessageId, order_id: String(p.order.id), subject: `Payment received for order ${p.order.name}` });
    expect(message!.body).toContain(`${p.order.total_price} USD`);
    expect(reviewAlerts(intent.id)).toEqual([]);

    const row = await paymentRow(intent.id);
    expect(row).toMatchObject({ status: 'paid', amountMinor: intent.amount, currency: 'usd', riskLevel: 'normal', confirmationMessageId: message!.id });
    expect(row!.checks).toHaveLength(6);
    const order = await orderRow(p.order.id);
    expect(order).toMatchObject({ status: 'paid', name: p.order.name });
    expect(row!.orderId).toBe(order!.id);
    const [customer] = await shop.db.select().from(s.customers).where(eq(s.customers.id, row!.customerId!));
    expect(customer).toMatchObject({ stripeId: p.stripeCustomer.id, email: p.email, shopifyId: p.customer.id });

    // HubSpot: the last payment and what the customer has paid in all.
    const contact = state().hubspot.contacts.get(p.contact.id)!;
    expect(contact.properties).toMatchObject({ last_payment_amount: p.order.total_price, last_payment_currency: 'USD', lifetime_value: p.order.total_price });
    expect(contact.properties.last_payment_date).toBe(new Date(intent.created * 1000).toISOString());

    const api = await fetch(`${shop.url}/payments/${intent.id}`);
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({ paymentIntentId: intent.id, status: 'paid', orderName: p.order.name, orderStatus: 'paid', confirmationMessageId: message!.id });
  }, 60_000);

  it('flags an amount that is not the order total: no confirmation, an alert in #general, the order in payment_review', async () => {
    const p = customerWithOrder();
    const intent = pay(p, { amount: Math.round(Number(p.order.total_price) * 100) - 500 });
    await shop.sandbox.emit('stripe', 'payment_intent.succeeded', intent);
    const run = await finishedRun(intent.id);
    expect(run.status).toBe('completed');
    const output = run.output as PaymentCompletedResult;
    expect(output).toMatchObject({ status: 'payment_review', confirmationMessageId: null });
    expect(output.checks.filter((c) => !c.ok)).toEqual([
      { check: 'amount', ok: false, detail: `received ${(intent.amount / 100).toFixed(2)} USD, the order totals ${p.order.total_price} USD` },
    ]);
    expect(state().helpdesk.messagesTo(p.email)).toEqual([]);
    const [alert, ...more] = reviewAlerts(intent.id);
    expect(more).toEqual([]);
    expect(alert!.ts).toBe(output.alertTs);
    expect(alert!.text).toContain(`order ${p.order.name} needs review: amount: received`);
    expect(alert!.text).toContain('No confirmation was sent to the customer.');
    expect(await paymentRow(intent.id)).toMatchObject({ status: 'payment_review', confirmationMessageId: null });
    expect((await orderRow(p.order.id))!.status).toBe('payment_review');
    expect(((await (await fetch(`${shop.url}/payments/${intent.id}`)).json()) as { checks: unknown[] }).checks).toContainEqual(output.checks.find((c) => c.check === 'amount'));
  }, 60_000);

  it('flags a payment in another currency, and a payment by someone else\'s Stripe customer', async () => {
    const p = customerWithOrder();
    const inEuros = pay(p, { currency: 'eur' });
    await shop.sandbox.emit('stripe', 'payment_intent.succeeded', inEuros);
    const euros = (await finishedRun(inEuros.id)).output as PaymentCompletedResult;
    expect(euros.checks.filter((c) => !c.ok).map((c) => c.check)).toEqual(['currency', 'amount']);
    expect(euros.checks.find((c) => c.check === 'currency')!.detail).toBe('paid in EUR, the order is in USD');

    const other = customerWithOrder();
    const byOther = pay(p, { customer: other.stripeCustomer.id });
    await shop.sandbox.emit('stripe', 'payment_intent.succeeded', byOther);
    const stranger = (await finishedRun(byOther.id)).output as PaymentCompletedResult;
    expect(stranger.checks.filter((c) => !c.ok)).toEqual([
      { check: 'customer', ok: false, detail: `${other.stripeCustomer.id} is Shopify customer ${other.customer.id}, the order is customer ${p.customer.id}'s` },
    ]);
    expect(state().helpdesk.messagesTo(p.email)).toEqual([]);
    expect(state().helpdesk.messagesTo(other.email)).toEqual([]);
    expect(reviewAlerts(inEuros.id)).toHaveLength(1);
    expect(reviewAlerts(byOther.id)).toHaveLength(1);
    expect(await paymentRow(inEuros.id)).toMatchObject({ status: 'payment_review', currency: 'eur' });
  }, 60_000);

  it('reads the payment from Stripe, not from the payload', async () => {
    const p = customerWithOrder();
    const intent = pay(p, { amount: 100 });
    // A payload claiming the right amount does not make it so.
    await shop.sandbox.emit('stripe', 'payment_intent.succeeded', { ...intent, amount: Math.round(Number(p.order.total_price) * 100), amount_received: Math.round(Number(p.order.total_price) * 100) });
    const output = (await finishedRun(intent.id)).output as PaymentCompletedResult;
    expect(output.status).toBe('payment_review');
    expect(output.checks.find((c) => c.check === 'amount')).toMatchObject({ ok: false, detail: `received 1.00 USD, the order totals ${p.order.total_price} USD` });
  }, 60_000);

  it('starts no second run for a duplicate delivery', async () => {
    const p = customerWithOrder();
    const intent = pay(p);
    const secret = [...state().stripe.webhookEndpoints.values()][0]!.secret;
    const id = `evt_dup${driver}${people}`;
    const send = () => shop.sandbox.sendWebhook(`${shop.url}/webhooks/stripe`, 'stripe', { type: 'payment_intent.succeeded', payload: intent, id }, secret);
    expect((await send()).status).toBe(202);
    const run = await finishedRun(intent.id);
    expect(run.id).toBe(id);
    expect((await send()).status).toBe(200);
    await shop.recorded();
    const { runs } = await flows.list({ flow: FLOW, limit: 500 });
    expect(runs.filter((r) => (r.input as { data?: { object?: { id?: string } } }).data?.object?.id === intent.id)).toHaveLength(1);
    expect(state().helpdesk.messagesTo(p.email)).toHaveLength(1);
  }, 60_000);

  it('fails a run whose payload is not a payment intent event, and applies nothing', async () => {
    const secret = [...state().stripe.webhookEndpoints.values()][0]!.secret;
    const id = `evt_bad${driver}`;
    const paymentsBefore = (await shop.db.select().from(s.payments)).length;
    const sent = await shop.sandbox.sendWebhook(`${shop.url}/webhooks/stripe`, 'stripe', { type: 'payment_intent.succeeded', payload: { id: 'ch_not_an_intent', amount: 5 }, id }, secret);
    expect(sent.status).toBe(202);
    const run = await waitFor(async () => {
      const r = await flows.get(id).catch(() => undefined);
      return r && ['completed', 'failed'].includes(r.status) ? r : undefined;
    }, 20_000, 'the bad run');
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ name: 'InvalidFlowInputError', message: expect.stringContaining('data.object.id must be a payment intent id (pi_…)') });
    expect(run.steps).toEqual([]);
    expect((await shop.db.select().from(s.payments)).length).toBe(paymentsBefore);
  }, 60_000);

  it('answers 404 for a payment it has not seen', async () => {
    const res = await fetch(`${shop.url}/payments/pi_unknown`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ message: 'No payment pi_unknown.' });
  });

  it('resumes after HubSpot 500s on the CRM step without sending the confirmation twice', async () => {
    const p = customerWithOrder();
    const intent = pay(p);
    shop.sandbox.faults.inject('hubspot', { status: 500, times: 1000 });
    await shop.sandbox.emit('stripe', 'payment_intent.succeeded', intent);
    const failed = await finishedRun(intent.id, 60_000);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({ step: 'crm-contact' });
    expect(state().helpdesk.messagesTo(p.email)).toHaveLength(1);
    expect((await paymentRow(intent.id))!.confirmationMessageId).toBe(state().helpdesk.messagesTo(p.email)[0]!.id);
    expect(state().hubspot.contacts.get(p.contact.id)!.properties.last_payment_amount).toBeUndefined();

    shop.sandbox.faults.clear();
    // The 500s opened the CRM connector's circuit breaker: wait until a probe closes it.
    const crm = shop.app.get<HubSpotConnector>(getConnectorToken('crm'));
    await waitFor(() => crm.getContact(p.contact.id).then(() => true, () => false), 45_000, 'the HubSpot circuit to close');
    await flows.replay(failed.id);
    const done = await waitFor(async () => {
      const r = await flows.get(failed.id);
      return r && ['completed', 'failed'].includes(r.status) ? r : undefined;
    }, 30_000, 'the replayed run');
    expect(done.status).toBe('completed');
    expect(state().helpdesk.messagesTo(p.email)).toHaveLength(1);
    expect(state().hubspot.contacts.get(p.contact.id)!.properties.lifetime_value).toBe(p.order.total_price);
  }, 150_000);
});
