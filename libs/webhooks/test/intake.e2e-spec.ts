import request from 'supertest';
import { signWebhook } from '@aiwire/webhooks/testing';
import { waitFor } from '../../../test/support/wait.js';
import { PLATFORM_MOUNTS, SECRETS, hostModule, sources, stripeEvent, useIntakeApp, type Calls } from './webhook-fixtures.js';

describe.each(PLATFORM_MOUNTS)('webhook intake answers on %s, mount %s', (platform, mount) => {
  const calls: Calls = [];
  const app = useIntakeApp('intake', platform, mount, (prefix) =>
    hostModule(calls, {
      mount,
      keyPrefix: prefix,
      queue: { prefix },
      backoff: { delayMs: 10 },
      sources: sources({
        small: { scheme: 'hmac-sha256', secrets: [SECRETS.helpdesk], maxBodyBytes: 1024 },
        internal: { scheme: 'hmac-sha256', secrets: [SECRETS.helpdesk], allowIps: ['10.0.0.0/8', '2001:db8::/32'] },
        loopback: { scheme: 'hmac-sha256', secrets: [SECRETS.helpdesk], allowIps: ['127.0.0.0/8', '::1/128'] },
        limited: { scheme: 'hmac-sha256', secrets: [SECRETS.helpdesk], rateLimit: { limit: 2, windowSeconds: 60 } },
      }),
    }),
  );
  const { prefix, nextId } = app;

  const post = (source: string, body: string | object, headers: Record<string, string>) =>
    request(app.running.url).post(`/webhooks/${source}`).set(headers).send(typeof body === 'string' ? body : JSON.stringify(body));

  it('answers 404 for an unknown source (the server mount leaves it to the framework, whose 404 it is)', async () => {
    const body = stripeEvent(nextId());
    const res = await post('nope', body, signWebhook('stripe', SECRETS.stripe, body));
    expect(res.status).toBe(404);
    if (mount === 'controller') expect(res.body).toEqual({ status: 'error', error: 'unknown_source', message: 'Unknown webhook source' });
    else expect(res.body).toMatchObject({ statusCode: 404, message: 'Cannot POST /webhooks/nope' });
  });

  it('answers 403 to a caller outside the allowlist, and lets an allowed one in', async () => {
    const body = { id: nextId(), event_type: 'ticket.created' };
    const outside = await post('internal', body, signWebhook('hmac-sha256', SECRETS.helpdesk, body));
    expect(outside.status).toBe(403);
    expect(outside.body.error).toBe('forbidden');
    const inside = await post('loopback', body, signWebhook('hmac-sha256', SECRETS.helpdesk, body));
    expect(inside.status).toBe(202);
  });

  it('answers 413 above the source limit and above the 1 MiB default, and takes a body just under it', async () => {
    const big = { id: nextId(), event_type: 'ticket.created', text: 'x'.repeat(2000) };
    const res = await post('small', big, signWebhook('hmac-sha256', SECRETS.helpdesk, big));
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ status: 'error', error: 'payload_too_large', message: 'Body exceeds 1024 bytes' });
    const huge = { id: nextId(), event_type: 'ticket.created', text: 'x'.repeat(1_100_000) };
    const res2 = await post('helpdesk', huge, signWebhook('hmac-sha256', SECRETS.helpdesk, huge));
    expect(res2.status).toBe(413);
    // Behind a controller on Fastify, Fastify's own 1 MiB bodyLimit answers first, with its own body.
    if (mount === 'server' || platform === 'express') expect(res2.body.error).toBe('payload_too_large');
    const large = { id: nextId(), event_type: 'ticket.created', text: 'x'.repeat(1_000_000) };
    const res3 = await post('helpdesk', large, signWebhook('hmac-sha256', SECRETS.helpdesk, large));
    expect(res3.status).toBe(202);
  });

  describe('401 with a short reason', () => {
    const body = stripeEvent('evt_unauthorised');
    const now = () => Math.floor(Date.now() / 1000);

    it.each<[string, () => Record<string, string>, string]>([
      ['no signature header', () => ({}), 'Missing signature header'],
      ['a wrong signature', () => ({ 'stripe-signature': `t=${now()},v1=${'0'.repeat(64)}` }), 'No matching signature'],
      ['an unknown secret', () => signWebhook('stripe', 'whsec_someone_else', body), 'No matching signature'],
      ['a timestamp too old', () => signWebhook('stripe', SECRETS.stripe, body, { timestamp: now() - 302 }), 'Message timestamp too old'],
      ['a timestamp too new', () => signWebhook('stripe', SECRETS.stripe, body, { timestamp: now() + 302 }), 'Message timestamp too new'],
      ['a malformed header', () => ({ 'stripe-signature': 'garbage' }), 'Invalid signature header'],
    ])('for %s', async (_case, headers, reason) => {
      const res = await post('stripe', body, { 'content-type': 'application/json', ...headers() });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ status: 'error', error: 'invalid_signature', message: reason });
    });

    it('for a body changed after signing', async () => {
      const headers = signWebhook('stripe', SECRETS.stripe, body);
      const res = await post('stripe', { ...body, amount: 1 }, headers);
      expect(res.status).toBe(401);
    });
  });

  it('accepts a delivery signed with the older of two secrets (rotation)', async () => {
    const body = stripeEvent(nextId());
    const res = await post('stripe', body, signWebhook('stripe', SECRETS.stripeOld, body));
    expect(res.body).toEqual({ status: 'accepted', id: body.id });
    expect(res.status).toBe(202);
  });

  it('answers 400 to a signed body that is not JSON', async () => {
    const raw = '{"id": "evt_broken", "event_type": ';
    const headers = signWebhook('hmac-sha256', SECRETS.helpdesk, raw);
    const res = await post('helpdesk', raw, headers);
    expect(res.status).toBe(400);
    // Not application/json: the framework leaves the body to us, so the answer is ours.
    const asText = await post('helpdesk', raw, { ...headers, 'content-type': 'text/plain' });
    expect(asText.status).toBe(400);
    expect(asText.body).toEqual({ status: 'error', error: 'invalid_json', message: 'Body is not valid JSON' });
  });

  it('answers 400 when the scheme finds no event id or no event type', async () => {
    const noId = { object: 'event', type: 'payment_intent.succeeded' };
    const a = await post('stripe', noId, signWebhook('stripe', SECRETS.stripe, noId));
    expect(a.status).toBe(400);
    expect(a.body).toEqual({ status: 'error', error: 'missing_event_id', message: 'No event id found for scheme stripe' });
    const noType = { id: nextId(), kind: 'ticket.created' };
    const b = await post('helpdesk', noType, signWebhook('hmac-sha256', SECRETS.helpdesk, noType));
    expect(b.status).toBe(400);
    expect(b.body).toEqual({ status: 'error', error: 'missing_event_type', message: 'No event type found for scheme hmac-sha256' });
  });

  it('answers 429 with Retry-After over the rate limit', async () => {
    const send = () => {
      const body = { id: nextId(), event_type: 'ticket.created' };
      return post('limited', body, signWebhook('hmac-sha256', SECRETS.helpdesk, body));
    };
    expect((await send()).status).toBe(202);
    expect((await send()).status).toBe(202);
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(limited.body.error).toBe('rate_limited');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(29);
    expect(retryAfter).toBeLessThanOrEqual(30);
  });

  it('answers 202 only once the executions are stored, then 200 duplicate; handlers run once', async () => {
    const id = nextId();
    const body = stripeEvent(id);
    const res = await post('stripe', body, signWebhook('stripe', SECRETS.stripe, body));
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'accepted', id });
    await waitFor(() => calls.filter((c) => c.event.id === id).length === 2, 10_000, 'both handlers');
    // once the jobs are done and removed, the dedup key still answers for the event
    await waitFor(async () => (await app.redis.exists(`${prefix}:${'webhooks'}:stripe:${id}:PaymentHandlers.onPaid`)) === 0);
    const again = await post('stripe', body, signWebhook('stripe', SECRETS.stripe, body));
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ status: 'duplicate', id });
    await new Promise((r) => setTimeout(r, 200));
    expect(calls.filter((c) => c.event.id === id).map((c) => c.handler).sort()).toEqual(['audit', 'onPaid']);
  });

  it('answers exactly one of two concurrent identical deliveries 202 and the other 200 duplicate', async () => {
    const id = nextId();
    const body = { id, event_type: 'ticket.created' };
    const headers = signWebhook('hmac-sha256', SECRETS.helpdesk, body);
    const answers = await Promise.all([post('helpdesk', body, headers), post('helpdesk', body, headers)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 202]);
    expect(answers.find((r) => r.status === 200)?.body).toEqual({ status: 'duplicate', id });
    await waitFor(() => calls.some((c) => c.event.id === id));
    await new Promise((r) => setTimeout(r, 200));
    expect(calls.filter((c) => c.event.id === id)).toHaveLength(1);
  });

  it('answers Slack url_verification with its challenge at once', async () => {
    const body = { token: 'legacy', challenge: 'c-3f9a', type: 'url_verification' };
    const res = await post('slack', body, signWebhook('slack', SECRETS.slack, body));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ challenge: 'c-3f9a' });
  });

  it('never stores nor logs a secret, a signature, an Authorization or a Cookie header', async () => {
    const credentials = { authorization: 'Bearer tok_e2e_never_stored', cookie: 'session=cookie_e2e_never_stored', 'x-api-key': 'key_e2e_never_stored' };
    const deliveries = [
      { source: 'shopify', headers: (body: object) => signWebhook('shopify', SECRETS.shopify, body, { id: nextId() }), body: { id: 1, note: 'x' } },
      { source: 'billing', headers: (body: object) => signWebhook('standard', SECRETS.standard, body, { id: nextId() }), body: { type: 'invoice.paid', data: { id: 'in_1' } } },
      { source: 'helpdesk', headers: (body: object) => signWebhook('hmac-sha256', SECRETS.helpdesk, body), body: { id: nextId(), event_type: 'ticket.created' } },
    ];
    const signatures: string[] = [];
    const ids: string[] = [];
    for (const delivery of deliveries) {
      const headers = delivery.headers(delivery.body);
      signatures.push(...Object.entries(headers).filter(([name]) => /signature|hmac/i.test(name)).map(([, value]) => value));
      const res = await post(delivery.source, delivery.body, { ...headers, ...credentials });
      expect(res.status).toBe(202);
      ids.push(res.body.id as string);
    }
    expect(signatures).toHaveLength(3);
    await waitFor(() => ids.every((id) => calls.some((c) => c.event.id === id)), 10_000, 'handlers');
    const stored = JSON.stringify(calls.filter((c) => ids.includes(c.event.id)).map((c) => c.event.headers));
    expect(stored).toContain('content-type');
    for (const text of [stored, app.running.logs.text()]) {
      for (const secret of [...Object.values(SECRETS), ...Object.values(credentials), ...signatures]) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/v1=[0-9a-f]{64}|sha256=[0-9a-f]{64}|authorization|cookie|x-api-key/i);
    }
  });
});
