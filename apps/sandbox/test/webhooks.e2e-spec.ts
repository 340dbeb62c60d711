import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { verify } from '@octokit/webhooks-methods';
import { startSandbox, type Sandbox } from '../src/index.js';
import { header, startReceiver, type WebhookReceiver } from './webhook-receiver.js';

type Json = Record<string, any>;
const stripe = new Stripe('sk_test_unused');
const STANDARD_SECRET = `whsec_${Buffer.from('thirty-two bytes of test secret!').toString('base64')}`;

describe('sendWebhook: deliveries signed exactly as the providers sign them', () => {
  let sandbox: Sandbox;
  let receiver: WebhookReceiver;
  const last = () => receiver.received.at(-1)!;

  beforeEach(async () => {
    sandbox = await startSandbox({ seed: false });
    receiver = await startReceiver((n) => (n === 1 ? 202 : 200));
  });
  afterEach(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('stripe: an event object, pretty-printed, that stripe.webhooks.constructEvent accepts', async () => {
    const result = await sandbox.sendWebhook(receiver.url, 'stripe', { type: 'payment_intent.succeeded', payload: { id: 'pi_1', object: 'payment_intent', amount: 4200 } }, 'whsec_stripe_test');
    expect(result).toMatchObject({ status: 202, body: { received: 1, status: 202 } });
    const { raw, headers } = last();
    expect(raw).toContain('\n  "object": "event"');
    const event = stripe.webhooks.constructEvent(raw, header(headers, 'stripe-signature'), 'whsec_stripe_test');
    expect(event).toMatchObject({ object: 'event', type: 'payment_intent.succeeded', livemode: false, data: { object: { id: 'pi_1', amount: 4200 } }, api_version: expect.any(String) });
    expect(event.id).toMatch(/^evt_/);
    expect(() => stripe.webhooks.constructEvent(raw, header(headers, 'stripe-signature'), 'whsec_other')).toThrow();
  });

  it('stripe: a timestamp outside the tolerance is what old deliveries look like', async () => {
    await sandbox.sendWebhook(receiver.url, 'stripe', { type: 'charge.refunded', payload: {}, id: 'evt_old' }, 'whsec_t', { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect(() => stripe.webhooks.constructEvent(last().raw, header(last().headers, 'stripe-signature'), 'whsec_t')).toThrow(/tolerance/i);
  });

  it('standard: Standard Webhooks headers that the standardwebhooks library verifies', async () => {
    await sandbox.sendWebhook(receiver.url, 'standard', { type: 'invoice.paid', payload: { invoice: 'in_1' }, id: 'msg_fixed' }, STANDARD_SECRET);
    const { raw, headers } = last();
    expect(headers['webhook-id']).toBe('msg_fixed');
    const verified = new Webhook(STANDARD_SECRET).verify(raw, headers as Record<string, string>) as Json;
    expect(verified).toMatchObject({ type: 'invoice.paid', data: { invoice: 'in_1' } });
  });

  it('github: X-GitHub-Event, X-GitHub-Delivery and the action in the body; @octokit/webhooks-methods verifies it', async () => {
    await sandbox.sendWebhook(receiver.url, 'github', { type: 'issues.opened', payload: { issue: { number: 1 } }, id: 'delivery-1' }, 'gh-secret');
    const { raw, headers } = last();
    expect(headers['x-github-event']).toBe('issues');
    expect(headers['x-github-delivery']).toBe('delivery-1');
    expect(JSON.parse(raw)).toEqual({ action: 'opened', issue: { number: 1 } });
    expect(await verify('gh-secret', raw, header(headers, 'x-hub-signature-256'))).toBe(true);
  });

  it('shopify: topic, webhook id and shop domain headers and a base64 HMAC of the raw body', async () => {
    await sandbox.sendWebhook(receiver.url, 'shopify', { type: 'orders/create', payload: { id: 1001, total_price: '10.00' }, id: 'wh-1' }, 'shpss_secret');
    const { raw, headers } = last();
    expect(headers).toMatchObject({ 'x-shopify-topic': 'orders/create', 'x-shopify-webhook-id': 'wh-1', 'x-shopify-shop-domain': sandbox.credentials.shopDomain });
    expect(headers['x-shopify-hmac-sha256']).toBe(createHmac('sha256', 'shpss_secret').update(raw).digest('base64'));
    expect(JSON.parse(raw)).toEqual({ id: 1001, total_price: '10.00' });
  });

  it('slack: an event_callback envelope with event_id and a v0 signature over v0:ts:body', async () => {
    await sandbox.sendWebhook(receiver.url, 'slack', { type: 'app_mention', payload: { text: '<@U0AIWBOT001> summarise', channel: 'C0AIWSUPRT2' } }, 'slack-signing');
    const { raw, headers } = last();
    const ts = header(headers, 'x-slack-request-timestamp');
    expect(headers['x-slack-signature']).toBe(`v0=${createHmac('sha256', 'slack-signing').update(`v0:${ts}:${raw}`).digest('hex')}`);
    const body = JSON.parse(raw) as Json;
    expect(body).toMatchObject({ type: 'event_callback', team_id: 'T0AIWSANDBX', event: { type: 'app_mention', channel: 'C0AIWSUPRT2' } });
    expect(body.event_id).toMatch(/^Ev/);
    await sandbox.sendWebhook(receiver.url, 'slack', { type: 'url_verification', payload: { challenge: 'abc' } }, 'slack-signing');
    expect(JSON.parse(last().raw)).toEqual({ token: expect.any(String), challenge: 'abc', type: 'url_verification' });
  });

  it('hmac-sha256: { id, event_type, data } signed as x-signature: sha256=<hex>', async () => {
    await sandbox.sendWebhook(receiver.url, 'hmac-sha256', { type: 'review.created', payload: { rating: 2 }, id: 'evt_r1' }, 'hd');
    const { raw, headers } = last();
    expect(headers['x-signature']).toBe(`sha256=${createHmac('sha256', 'hd').update(raw).digest('hex')}`);
    expect(JSON.parse(raw)).toMatchObject({ id: 'evt_r1', event_type: 'review.created', data: { rating: 2 } });
  });

  it('buildWebhook returns the bytes and headers without sending', () => {
    const built = sandbox.buildWebhook('github', { type: 'push', payload: { ref: 'refs/heads/main' } }, 's');
    expect(built.body).toBe('{"ref":"refs/heads/main"}');
    expect(built.headers['x-hub-signature-256']).toBe(`sha256=${createHmac('sha256', 's').update(built.body).digest('hex')}`);
    expect(receiver.received).toHaveLength(0);
  });

  it('createdAt is when the event happened: the envelope keeps it, the signature carries the signing time', () => {
    const event = { type: 'charge.refunded', payload: {}, id: 'evt_c', createdAt: 1_700_000_000 };
    const stripeBuilt = sandbox.buildWebhook('stripe', event, 'whsec_t', { timestamp: 1_700_000_100 });
    expect(JSON.parse(stripeBuilt.body).created).toBe(1_700_000_000);
    expect(stripeBuilt.headers['stripe-signature']).toMatch(/^t=1700000100,v1=/);
    const helpdesk = sandbox.buildWebhook('hmac-sha256', { ...event, type: 'ticket.created' }, 'hd', { timestamp: 1_700_000_100 });
    expect(JSON.parse(helpdesk.body).created_at).toBe('2023-11-14T22:13:20.000Z');
    const slack = JSON.parse(sandbox.buildWebhook('slack', { ...event, type: 'message' }, 'sl', { timestamp: 1_700_000_100 }).body);
    expect(slack).toMatchObject({ event_time: 1_700_000_000, event: { event_ts: '1700000000.000100' } });
    expect(JSON.parse(sandbox.buildWebhook('standard', event, STANDARD_SECRET, { timestamp: 1_700_000_100 }).body).timestamp).toBe('2023-11-14T22:13:20.000Z');
    expect(sandbox.buildWebhook('shopify', { ...event, type: 'orders/create' }, 'sh', { timestamp: 1_700_000_100 }).headers['x-shopify-triggered-at']).toBe('2023-11-14T22:13:20.000Z');
    expect(JSON.parse(sandbox.buildWebhook('stripe', { type: 'charge.refunded', payload: {} }, 'whsec_t', { timestamp: 1_700_000_100 }).body).created).toBe(1_700_000_100);
  });

  describe('emit: deliveries to subscriptions registered through the APIs', () => {
    it('stripe: signs with the endpoint’s whsec_ and only for enabled events', async () => {
      const form = new URLSearchParams({ url: receiver.url, 'enabled_events[]': 'charge.refunded' });
      const res = await fetch(`${sandbox.urls.stripe}/v1/webhook_endpoints`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sandbox.credentials.stripeSecretKey}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
      });
      const { secret } = (await res.json()) as { secret: string };
      expect(await sandbox.emit('stripe', 'charge.succeeded', {})).toEqual([]);
      const [record] = await sandbox.emit('stripe', 'charge.refunded', { id: 'ch_1', object: 'charge' });
      expect(record).toMatchObject({ status: 202, done: true });
      expect(stripe.webhooks.constructEvent(last().raw, header(last().headers, 'stripe-signature'), secret).type).toBe('charge.refunded');
    });

    it('stripe: a retry a second later is the same event (id, created) with a fresh signature', async () => {
      const slow = await startSandbox({ seed: false, delivery: { attempts: 2, retryDelayMs: 1_100 } });
      const flaky = await startReceiver((n) => (n === 1 ? 503 : 200));
      try {
        const res = await fetch(`${slow.urls.stripe}/v1/webhook_endpoints`, {
          method: 'POST',
          headers: { authorization: `Bearer ${slow.credentials.stripeSecretKey}`, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ url: flaky.url, 'enabled_events[]': 'charge.refunded' }),
        });
        const { secret } = (await res.json()) as { secret: string };
        const [record] = await slow.emit('stripe', 'charge.refunded', { id: 'ch_2', object: 'charge' });
        expect(record).toMatchObject({ attempts: 2, status: 200 });
        const [first, retry] = flaky.received.map((r) => stripe.webhooks.constructEvent(r.raw, header(r.headers, 'stripe-signature'), secret));
        expect(retry).toEqual(first);
        const signedAt = flaky.received.map((r) => /t=(\d+)/.exec(header(r.headers, 'stripe-signature'))?.[1]);
        expect(signedAt[1]).not.toBe(signedAt[0]);
      } finally {
        await slow.close();
        await flaky.close();
      }
    });

    it('shopify: signs with the app’s API secret for the registered topic', async () => {
      await fetch(`${sandbox.urls.shopify}/admin/api/2025-01/webhooks.json`, {
        method: 'POST',
        headers: { 'x-shopify-access-token': sandbox.credentials.shopifyAccessToken, 'content-type': 'application/json' },
        body: JSON.stringify({ webhook: { topic: 'orders/create', address: receiver.url, format: 'json' } }),
      });
      await sandbox.emit('shopify', 'orders/create', { id: 5 });
      expect(last().headers['x-shopify-hmac-sha256']).toBe(createHmac('sha256', sandbox.credentials.shopifyApiSecret).update(last().raw).digest('base64'));
    });
  });
});
