import request from 'supertest';
import { signStandardWebhook } from '@aiwire/core';
import { signWebhook } from '@aiwire/webhooks/testing';
import { startApp, type RunningApp } from '../../../test/support/http-app.js';
import { deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { PLATFORM_MOUNTS, SECRETS, hostModule, stripeEvent, type Calls } from './webhook-fixtures.js';

/** Each built-in scheme, as its provider sends it, reaches the handlers with the right id and type. */
describe.each(PLATFORM_MOUNTS)('every scheme end to end on %s, mount %s', (platform, mount) => {
  const prefix = uniquePrefix(`schemes-${platform}-${mount}`);
  const calls: Calls = [];
  let running: RunningApp;
  const tag = `${platform}-${mount}-${Date.now()}`;

  beforeAll(async () => {
    running = await startApp(platform, hostModule(calls, { mount, keyPrefix: prefix, queue: { prefix } }));
  });
  afterAll(async () => {
    await running?.close();
    await deleteKeys(prefix);
  });

  const cases: [string, string, () => { body: object; headers: Record<string, string> }, string, string, string[]][] = [
    ['stripe', 'stripe', () => { const body = stripeEvent(`evt_${tag}`); return { body, headers: signWebhook('stripe', SECRETS.stripe, body) }; },
      `evt_${tag}`, 'payment_intent.succeeded', ['audit', 'onPaid']],
    ['github', 'github', () => { const body = { action: 'opened', issue: { number: 7 } }; return { body, headers: signWebhook('github', SECRETS.github, body, { type: 'issues', id: `gh-${tag}` }) }; },
      `gh-${tag}`, 'issues.opened', ['audit']],
    ['shopify', 'shopify', () => { const body = { id: 820982911946154500, email: 'jon@example.com' }; return { body, headers: signWebhook('shopify', SECRETS.shopify, body, { type: 'orders/create', id: `shop-${tag}` }) }; },
      `shop-${tag}`, 'orders/create', ['audit', 'onOrder']],
    ['slack', 'slack', () => { const body = { type: 'event_callback', event_id: `Ev${tag}`, event: { type: 'app_mention', text: 'hi' } }; return { body, headers: signWebhook('slack', SECRETS.slack, body) }; },
      `Ev${tag}`, 'app_mention', ['audit']],
    ['standard', 'billing', () => { const body = { type: 'payment.completed', data: { amount: 5 } }; return { body, headers: signWebhook('standard', SECRETS.standard, body, { id: `msg_${tag}` }) }; },
      `msg_${tag}`, 'payment.completed', ['audit', 'onOrder']],
    // What @aiwire/ai's job callbacks send: @aiwire/core's signer, received by a `standard` source.
    ['standard, signed by @aiwire/core', 'billing', () => { const body = { type: 'payment.completed', data: { amount: 6 } }; return { body, headers: { 'content-type': 'application/json', ...signStandardWebhook(SECRETS.standard, JSON.stringify(body), { id: `msg_core_${tag}`, timestamp: Math.floor(Date.now() / 1000) }) } }; },
      `msg_core_${tag}`, 'payment.completed', ['audit', 'onOrder']],
    ['hmac-sha256', 'helpdesk', () => { const body = { id: `hd_${tag}`, event_type: 'ticket.created' }; return { body, headers: signWebhook('hmac-sha256', SECRETS.helpdesk, body) }; },
      `hd_${tag}`, 'ticket.created', ['audit']],
  ];

  it.each(cases)('%s', async (_scheme, source, make, id, type, handlers) => {
    const { body, headers } = make();
    const res = await request(running.url).post(`/webhooks/${source}`).set(headers).send(JSON.stringify(body));
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'accepted', id });
    await waitFor(() => calls.filter((c) => c.event.id === id).length === handlers.length, 10_000, `${handlers.join('+')} for ${id}`);
    const seen = calls.filter((c) => c.event.id === id);
    expect(seen.map((c) => c.handler).sort()).toEqual(handlers);
    expect(seen.every((c) => c.event.type === type && c.event.source === source)).toBe(true);
  });
});
