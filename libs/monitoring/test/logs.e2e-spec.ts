import request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { signWebhook } from '@aiwire/webhooks/testing';
import { PLATFORMS } from '../../../test/support/http-app.js';
import { deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { HELPDESK_SECRET, LineCapture, logsHost, startLogsHost, ticket } from './fixtures/logs-host.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
// nestjs-pino keeps one root logger per process (the first app's): Nest's own lines and pino-http's
// of every app in this file go to the first app's destination. One capture for all, so every line
// is found; each test finds its own by the ids it used.
const out = new LineCapture();
const SUITES = PLATFORMS.flatMap((platform) => [
  [platform, 'forRoot'],
  [platform, 'forRootAsync'],
] as const);

describe.each(SUITES)('logs on %s with MonitoringModule.%s', (platform, mode) => {
  let sandbox: Sandbox;
  let app: INestApplication;
  let url: string;
  let prefix: string;
  const tag = `${platform}-${mode}`;

  beforeAll(async () => {
    prefix = uniquePrefix(`logs-${tag}`);
    sandbox = await startSandbox({ seed: false });
    ({ app, url } = await startLogsHost(platform, logsHost({ prefix, sandbox, async: mode === 'forRootAsync', logs: { destination: out, http: true } })));
  });
  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
    await deleteKeys(prefix);
  });

  const deliver = (body: Record<string, unknown>, requestId?: string) => {
    const headers = signWebhook('hmac-sha256', HELPDESK_SECRET, body);
    return { headers, response: request(url).post('/webhooks/helpdesk').set({ ...headers, ...(requestId && { 'x-request-id': requestId }) }).send(JSON.stringify(body)) };
  };

  it("a delivery, its handler's execution, its AI call and its Slack call are lines with the event's correlation id", async () => {
    const id = `evt_logs_${tag}`;
    expect((await deliver(ticket(id)).response).status).toBe(202);
    const execution = await waitFor(() => out.find({ event: 'webhook.execution', event_id: id })[0], 15_000, 'the execution line');
    expect(out.find({ event: 'webhook.delivery', event_id: id })).toEqual([
      expect.objectContaining({ level: 30, correlation_id: id, source: 'helpdesk', type: 'ticket.created', outcome: 'accepted', status: 202, duration_ms: expect.any(Number) }),
    ]);
    expect(execution).toMatchObject({ level: 30, correlation_id: id, source: 'helpdesk', type: 'ticket.created', handler: 'TicketHandlers.onTicket', attempt: 1, outcome: 'completed' });
    const work = out.find({ correlation_id: id });
    expect(work.filter((l) => l.event === 'ai.call')).toEqual([
      expect.objectContaining({ level: 30, provider: 'openai', model: 'gpt-4o-mini', tokens_in: expect.any(Number), tokens_out: expect.any(Number), cost_usd: expect.any(Number), cached: false, attempts: 1, fallbacks: 0, outcome: 'success' }),
    ]);
    expect(work.filter((l) => l.event === 'http.call')).toEqual([
      expect.objectContaining({ level: 30, connector: 'slack', service: 'slack', method: 'POST', route: '/api/chat.postMessage', status: 200, attempts: 1, outcome: 'success' }),
    ]);
  });

  it("a host request is one line with its caller's x-request-id, echoed back, and its AI, Slack and Nest lines carry it", async () => {
    const id = `req-${tag}-1`;
    const response = await request(url).get('/orders/42').set('x-request-id', id);
    expect(response.status).toBe(200);
    expect(response.headers['x-request-id']).toBe(id);
    const line = await waitFor(() => out.find({ event: 'http.request', correlation_id: id })[0], 5_000, 'the request line');
    expect(line).toMatchObject({ level: 30, method: 'GET', route: '/orders/:id', status: 200, duration_ms: expect.any(Number) });
    const work = out.find({ correlation_id: id });
    expect(work.map((l) => l.event ?? l.msg).sort()).toEqual(['ai.call', 'http.call', 'http.request', 'order looked up', 'request completed'].sort());
    expect(work.find((l) => l.event === 'http.call')).toMatchObject({ route: '/api/chat.postMessage', outcome: 'success' });
    expect(work.find((l) => l.msg === 'order looked up')).toMatchObject({ level: 30, context: 'OrdersController' });
  });

  it('makes a new id when the caller gives none or a hostile one, and logs the status an error was answered with', async () => {
    const fresh = await request(url).get('/orders/43');
    const hostile = await request(url).get('/orders/44').set('x-request-id', 'a b"c');
    for (const response of [fresh, hostile]) expect(response.headers['x-request-id']).toMatch(UUID);
    expect(fresh.headers['x-request-id']).not.toBe(hostile.headers['x-request-id']);
    expect((await request(url).post('/orders/45/refund').set('x-correlation-id', `refund-${tag}`)).status).toBe(400);
    expect((await request(url).get('/orders/46/crash').set('x-request-id', `crash-${tag}`)).status).toBe(500);
    await waitFor(() => out.find({ event: 'http.request', correlation_id: `crash-${tag}` }).length === 1, 5_000, 'the crash line');
    expect(out.find({ event: 'http.request', correlation_id: `refund-${tag}` })).toEqual([expect.objectContaining({ level: 40, method: 'POST', route: '/orders/:id/refund', status: 400 })]);
    expect(out.find({ event: 'http.request', correlation_id: `crash-${tag}` })).toEqual([expect.objectContaining({ level: 50, method: 'GET', route: '/orders/:id/crash', status: 500 })]);
    expect(out.find({ event: 'http.request', correlation_id: fresh.headers['x-request-id'] })).toHaveLength(1);
  });

  it('never writes a secret: webhook secret, OpenAI key, Slack token, signature, Authorization, cookie', async () => {
    const id = `evt_fail_${tag}`;
    const delivery = deliver(ticket(id, true), `delivery-${tag}`);
    expect((await delivery.response).status).toBe(202);
    const dead = await waitFor(() => out.find({ event: 'webhook.execution', event_id: id, outcome: 'dead' })[0], 15_000, 'the dead execution');
    const authorization = `Bearer host-user-token-${tag}-7f3a9c`;
    const cookie = `session=host-session-${tag}-51be0d`;
    const reqId = `secrets-${tag}`;
    expect((await request(url).get('/orders/47').set({ authorization, cookie, 'x-request-id': reqId })).status).toBe(200);
    await waitFor(() => out.find({ msg: 'request completed', correlation_id: reqId }).length === 1, 5_000, 'the pino-http line');

    // Each path that carried a secret was taken, and censored.
    expect(out.find({ event: 'webhook.execution', event_id: id, outcome: 'retrying' })[0]?.error).toBe('gave up with [REDACTED], [REDACTED] and [REDACTED]');
    expect(dead.error).toBe('gave up with [REDACTED], [REDACTED] and [REDACTED]');
    const webhookRequest = out.find({ msg: 'request completed', correlation_id: `delivery-${tag}` });
    expect(webhookRequest).toEqual([expect.objectContaining({ req: expect.objectContaining({ method: 'POST', url: '/webhooks/helpdesk' }), res: expect.objectContaining({ statusCode: 202 }) })]);
    expect((webhookRequest[0]!.req as { headers: Record<string, string> }).headers['x-signature']).toBe('[REDACTED]');
    const hostRequest = out.find({ msg: 'request completed', correlation_id: reqId })[0]!;
    expect((hostRequest.req as { headers: Record<string, string> }).headers).toMatchObject({ authorization: '[REDACTED]', cookie: '[REDACTED]' });
    expect(out.find({ msg: 'order looked up', correlation_id: reqId })[0]?.headers).toMatchObject({ authorization: '[REDACTED]', cookie: '[REDACTED]' });

    const text = out.text();
    const secrets = [HELPDESK_SECRET, sandbox.credentials.openaiApiKey, sandbox.credentials.slackBotToken, delivery.headers['x-signature']!, authorization, 'host-user-token', cookie, 'host-session'];
    for (const secret of secrets) expect(text, secret).not.toContain(secret);
  });
});
