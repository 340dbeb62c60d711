import { createHmac } from 'node:crypto';
import { startSandbox, type Sandbox } from '../src/index.js';
import { header, startReceiver, type WebhookReceiver } from './webhook-receiver.js';

type Json = Record<string, any>;

describe('Helpdesk / review platform stand-in', () => {
  let sandbox: Sandbox;
  let receiver: WebhookReceiver;
  const hd = async (path: string, body?: unknown, key: string | null = 'hd_sandbox_key') => {
    const res = await fetch(`${sandbox.urls.helpdesk}/helpdesk/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { ...(key && { 'x-api-key': key }), ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const expectSigned = (raw: string, signature: string, secret: string) =>
    expect(signature).toBe(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);

  beforeEach(async () => {
    sandbox = await startSandbox({ delivery: { attempts: 3, retryDelayMs: 20 } });
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('requires its API key', async () => {
    expect(await hd('reviews', undefined, null)).toEqual({ status: 401, body: { error: { code: 'unauthorized', message: 'Missing or invalid API key.' } } });
    expect((await hd('reviews')).body.data).toHaveLength(2);
  });

  it('tells subscribers about a new review with an hmac-sha256 signed review.created', async () => {
    const sub = await hd('webhooks', { url: receiver.url, secret: 'helpdesk-secret' });
    expect(sub.status).toBe(201);
    const review = await hd('reviews', { product_id: 8790123450002, customer_email: 'liam.oconnor@example.com', rating: 1, title: 'Awful', body: 'Broke in a week.' });
    expect(review.status).toBe(201);
    await sandbox.whenIdle();
    expect(receiver.received).toHaveLength(1);
    const delivery = receiver.received[0]!;
    expectSigned(delivery.raw, header(delivery.headers, 'x-signature'), 'helpdesk-secret');
    expect(JSON.parse(delivery.raw)).toMatchObject({ id: expect.stringMatching(/^evt_/), event_type: 'review.created', data: { id: review.body.id, rating: 1, body: 'Broke in a week.' } });
    expect(sandbox.state.helpdesk.reviews.get(review.body.id as string)?.rating).toBe(1);
  });

  it('sends ticket.created only to subscribers of that event, and retries until the receiver answers 2xx', async () => {
    await receiver.close();
    receiver = await startReceiver((n) => (n === 1 ? 503 : 200));
    sandbox.state.helpdesk.subscribe({ url: receiver.url, secret: 's', events: ['ticket.created'] });
    await hd('reviews', { customer_email: 'a@example.com', rating: 4, body: 'ok' });
    const ticket = await hd('tickets', { customer_email: 'maya.chen@example.com', subject: 'Where is my lamp?', body: 'Order #1005', priority: 'high' });
    expect(ticket.body).toMatchObject({ status: 'open', priority: 'high', subject: 'Where is my lamp?' });
    await sandbox.whenIdle();
    expect(receiver.received).toHaveLength(2);
    const [first, retry] = receiver.received.map((r) => JSON.parse(r.raw) as Json);
    expect(retry).toEqual(first); // the retry is the same event, same id
    expect(retry?.event_type).toBe('ticket.created');
    expect(sandbox.state.deliveries).toEqual([expect.objectContaining({ service: 'helpdesk', type: 'ticket.created', attempts: 2, status: 200, done: true })]);
  });

  it('validates input with 422', async () => {
    expect((await hd('reviews', { customer_email: 'a@example.com', rating: 9, body: 'x' })).status).toBe(422);
    expect((await hd('tickets', { body: 'no subject' })).status).toBe(422);
    expect((await hd('webhooks', { url: 'ftp://x' })).status).toBe(422);
    expect((await hd('webhooks', { url: receiver.url, events: ['order.created'] })).status).toBe(422);
  });
});
