import request from 'supertest';
import { runDemo, startShop, type DemoOutcome, type RunningShop } from '../src/demo/run-demo.js';
import { formatReport } from '../src/demo/report.js';
import { PEOPLE, PRODUCTS } from '../src/demo/demo-script.js';
import { waitFor } from '../../../test/support/wait.js';

type Fraud = { order: string; level: string; score: number; reasons: string[] };

/** `npm start`'s demo, run in-process and checked against what landed in the (sandboxed) outside world. */
describe('the e-commerce sample app', () => {
  let shop: RunningShop;
  let outcome: DemoOutcome;

  beforeAll(async () => {
    shop = await startShop({ logger: false });
    outcome = await runDemo(shop);
  }, 90_000);
  afterAll(async () => {
    await shop?.close();
  });

  it('runs every workflow to completion without a dead letter', () => {
    expect(outcome.deadLetters).toBe(0);
    expect(Object.keys(outcome.insights.reviews)).toHaveLength(4);
    expect(Object.keys(outcome.insights.tickets)).toHaveLength(2);
    expect(formatReport(outcome, shop.sandbox)).toContain('No dead letters: every handler completed.');
  });

  it('flags the rushed 6-headphone order as high risk, alerts #alerts and opens a CRM ticket; leaves the VIP order alone', () => {
    const fraud = Object.values(outcome.insights.fraud) as Fraud[];
    const risky = fraud.find((f) => f.level === 'high');
    expect(risky?.score).toBeGreaterThanOrEqual(60);
    expect(risky?.reasons).toEqual(expect.arrayContaining(['6 units of one item', 'note asks for rushed or unusual delivery']));
    expect(fraud.filter((f) => f.level === 'high')).toHaveLength(1);
    const alerts = shop.sandbox.state.slack.messagesIn('#alerts');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.text).toContain(risky!.order);
    const tickets = [...shop.sandbox.state.hubspot.tickets.values()];
    expect(tickets.some((t) => t.properties.subject === `Fraud review: order ${risky!.order}` && t.properties.hs_ticket_priority === 'HIGH')).toBe(true);
  });

  it('reads review sentiment in English, French and Italian, notes it in the CRM and escalates the unhappy ones', () => {
    const reviews = Object.values(outcome.insights.reviews) as { rating: number; sentiment: { label: string; language: string } }[];
    expect(reviews.map((r) => `${r.rating}:${r.sentiment.label}:${r.sentiment.language}`).sort()).toEqual(['1:negative:en', '2:negative:fr', '5:positive:en', '5:positive:it']);
    expect(shop.sandbox.state.hubspot.notes.size).toBe(4);
    expect(shop.sandbox.state.slack.messagesIn('#reviews')).toHaveLength(2);
  });

  it('records the payment on the CRM contact and announces it', () => {
    const maya = [...shop.sandbox.state.hubspot.contacts.values()].find((c) => c.properties.email === PEOPLE.maya.email);
    expect(Number(maya?.properties.last_payment_amount)).toBe(129);
    expect(shop.sandbox.state.slack.messagesIn('#general').map((m) => m.text).join()).toContain('129.00 USD');
  });

  it('triages tickets: the double charge is a HIGH billing ticket, the late parcel a shipping one', () => {
    const tickets = Object.values(outcome.insights.tickets) as { category: { label: string }; priority: string }[];
    expect(tickets.map((t) => `${t.priority}:${t.category.label}`).sort()).toEqual(['HIGH:billing', 'LOW:shipping']);
    expect(shop.sandbox.state.slack.messagesIn('#support')).toHaveLength(2);
  });

  it('serves recommendations that never repeat the viewed product nor what the customer owns', async () => {
    const res = await request(shop.url).get(`/recommendations/${PEOPLE.liam.shopifyId}`).expect(200);
    const ids = (res.body.items as { productId: number }[]).map((i) => i.productId);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).not.toContain(PRODUCTS.headphones);
    await request(shop.url).get('/recommendations/1').expect(404);
    const all = await request(shop.url).get('/insights').expect(200);
    expect(Object.keys(all.body).sort()).toEqual(['fraud', 'payments', 'recommendations', 'reviews', 'tickets']);
  });

  it('answers a re-sent delivery as a duplicate and posts nothing twice', async () => {
    const before = shop.sandbox.state.slack.messagesIn('#support').length;
    const event = { type: 'ticket.created', id: 'evt_resent_ticket', payload: { id: 'tk_resent', customer_email: PEOPLE.liam.email, subject: 'Refund', body: 'Please refund my last order, it was charged twice.', priority: 'normal' } };
    const url = `${shop.config.publicWebhookUrl}/helpdesk`;
    const first = await shop.sandbox.sendWebhook(url, 'hmac-sha256', event, process.env.HELPDESK_WEBHOOK_SECRET!);
    const second = await shop.sandbox.sendWebhook(url, 'hmac-sha256', event, process.env.HELPDESK_WEBHOOK_SECRET!);
    expect([first.status, second.status]).toEqual([202, 200]);
    await waitFor(() => shop.sandbox.state.slack.messagesIn('#support').length === before + 1, 10_000, 'one #support post');
    await new Promise((r) => setTimeout(r, 300));
    expect(shop.sandbox.state.slack.messagesIn('#support')).toHaveLength(before + 1);
  });

  it('a handler retried after Slack refused it does not open a second CRM ticket', async () => {
    const tickets = () => [...shop.sandbox.state.hubspot.tickets.values()].filter((t) => String(t.properties.subject).includes('Lost parcel')).length;
    const before = shop.sandbox.state.slack.messagesIn('#support').length;
    shop.sandbox.faults.inject('slack', { status: 200, body: { ok: false, error: 'fatal_error' }, times: 1 });
    const event = { type: 'ticket.created', payload: { id: 'tk_retry', customer_email: PEOPLE.sofia.email, subject: 'Lost parcel', body: 'The parcel never arrived and tracking shows nothing.', priority: 'normal' } };
    expect((await shop.sandbox.sendWebhook(`${shop.config.publicWebhookUrl}/helpdesk`, 'hmac-sha256', event, process.env.HELPDESK_WEBHOOK_SECRET!)).status).toBe(202);
    await waitFor(() => shop.sandbox.state.slack.messagesIn('#support').length === before + 1, 20_000, 'the retried #support post');
    expect(tickets()).toBe(1);
  });
});
