import { createServer, type Server } from 'node:http';
import { Injectable, Module } from '@nestjs/common';
import { Redis } from 'ioredis';
import { createChannel } from '@aiwire/core';
import { OnWebhook, WebhookModule, type WebhookEvent } from '@aiwire/webhooks';
import { signWebhook } from '@aiwire/webhooks/testing';
import { ConnectorRegistry, ConnectorsModule, type RestConnector } from '@aiwire/connectors';
import { MonitoringModule } from '@aiwire/monitoring';
import { startApp, type RunningApp } from '../../../test/support/http-app.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';

const SECRET = 'tail-e2e-webhook-secret-31c7a9';
const TOKEN = 'tail-e2e-bearer-token-8b02f1';
const intake = createChannel<unknown>('aiwire:webhook:intake');

interface Envelope {
  channel: string;
  at: string;
  message: Record<string, unknown>;
}

describe('MonitoringModule tail part', () => {
  const prefix = uniquePrefix('tail');
  const channel = `${prefix}:monitoring:tail`;
  let app: RunningApp;
  let api: Server;
  let apiUrl = '';
  let listener: Redis;
  const received: string[] = [];
  const envelopes = () => received.map((raw) => JSON.parse(raw) as Envelope);

  /** A careless handler: its error carries the source's secret. */
  @Injectable()
  class Careless {
    @OnWebhook('order.created', { attempts: 1 })
    async onCreated(event: WebhookEvent): Promise<void> {
      throw new Error(`could not verify ${event.id} with ${SECRET}`);
    }
  }

  beforeAll(async () => {
    api = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ seen: req.headers.authorization === `Bearer ${TOKEN}` }));
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(api.address() as { port: number }).port}`;
    @Module({
      imports: [
        WebhookModule.forRoot({ redis: { url: REDIS_URL }, keyPrefix: prefix, queue: { prefix }, sources: { shop: { scheme: 'hmac-sha256', secrets: [SECRET], header: 'x-signature' } } }),
        ConnectorsModule.forRoot({ redis: { url: REDIS_URL }, keyPrefix: `${prefix}:connectors`, connectors: { api: { kind: 'rest', baseUrl: apiUrl, auth: { type: 'bearer', token: TOKEN } } } }),
        MonitoringModule.forRoot({ redis: { url: REDIS_URL }, keyPrefix: `${prefix}:monitoring` }),
      ],
      providers: [Careless],
    })
    class TailAppModule {}
    app = await startApp('express', TailAppModule);
    listener = new Redis(REDIS_URL);
    listener.on('message', (_channel: string, raw: string) => received.push(raw));
  });
  afterAll(async () => {
    listener?.disconnect();
    await app?.close();
    await new Promise((resolve) => api?.close(resolve));
    await deleteKeys(prefix);
  });

  it('costs nothing while nobody tails: no diagnostics subscription, no PUBLISH', async () => {
    const spy = new Redis(REDIS_URL);
    try {
      const seen: string[] = [];
      spy.on('message', (_c: string, raw: string) => seen.push(raw));
      await new Promise((r) => setTimeout(r, 1_200));
      expect(intake.hasSubscribers).toBe(false);
      // A PSUBSCRIBE pattern client is not counted by PUBSUB NUMSUB: it sees what is published without making the app publish.
      await spy.psubscribe(`${prefix}:*`);
      await deliverSigned('order.created', 'evt_unseen_1');
      await new Promise((r) => setTimeout(r, 500));
      expect(seen).toEqual([]);
    } finally {
      spy.disconnect();
    }
  });

  it('publishes each delivery, execution and connector call as { channel, at, message } while someone subscribes, then stops', async () => {
    await listener.subscribe(channel);
    await waitFor(() => intake.hasSubscribers, 3_000, 'the app to notice the tail');
    await deliverSigned('order.created', 'evt_tail_1');
    const connector = app.app.get(ConnectorRegistry).get<RestConnector>('api');
    await connector.request({ method: 'GET', path: '/orders' });
    await waitFor(() => envelopes().some((e) => e.channel === 'aiwire:webhook:execution' && e.message.eventId === 'evt_tail_1'), 10_000, 'the execution line');
    await waitFor(() => envelopes().some((e) => e.channel === 'aiwire:http:call'), 5_000, 'the connector call line');
    const intakeLine = envelopes().find((e) => e.channel === 'aiwire:webhook:intake' && e.message.eventId === 'evt_tail_1');
    expect(intakeLine).toMatchObject({ at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), message: { source: 'shop', type: 'order.created', status: 202, outcome: 'accepted' } });
    const execution = envelopes().find((e) => e.channel === 'aiwire:webhook:execution' && e.message.eventId === 'evt_tail_1');
    expect(execution?.message).toMatchObject({ handler: 'Careless.onCreated', outcome: 'dead', error: 'could not verify evt_tail_1 with [REDACTED]' });

    await listener.unsubscribe(channel);
    await waitFor(() => !intake.hasSubscribers, 3_000, 'the app to stop publishing');
    const count = received.length;
    await deliverSigned('order.created', 'evt_after_1');
    await new Promise((r) => setTimeout(r, 500));
    expect(received.length).toBe(count);
  });

  it('never sends a secret, a signature, a token or a credential-named field', async () => {
    await listener.subscribe(channel);
    try {
      await waitFor(() => intake.hasSubscribers, 3_000, 'the app to notice the tail');
      const { signature } = await deliverSigned('order.created', 'evt_secret_1');
      // A publisher that puts a credential in a field: redacted by its name.
      createChannel<unknown>('aiwire:http:call').publish({ attributes: { 'aiwire.connector.name': 'x' }, outcome: 'success', headers: { authorization: `Bearer ${TOKEN}` }, apiKey: 'k-0123456789' });
      await waitFor(() => envelopes().some((e) => e.channel === 'aiwire:webhook:execution' && e.message.eventId === 'evt_secret_1'), 10_000, 'the execution line');
      await waitFor(() => received.some((raw) => raw.includes('k-0123456789') || raw.includes('"apiKey":"[REDACTED]"')), 3_000, 'the synthetic line');
      const all = received.join('\n');
      for (const value of [SECRET, TOKEN, signature, 'k-0123456789', 'Bearer ']) expect(all).not.toContain(value);
      expect(all).toContain('"authorization":"[REDACTED]"');
    } finally {
      await listener.unsubscribe(channel);
    }
  });

  it('works the same with forRootAsync, on its own keyPrefix', async () => {
    const asyncPrefix = `${prefix}-async`;
    @Module({ imports: [MonitoringModule.forRootAsync({ useFactory: async () => ({ redis: { url: REDIS_URL }, keyPrefix: asyncPrefix }) })] })
    class AsyncAppModule {}
    const other = await startApp('express', AsyncAppModule);
    await waitFor(() => !intake.hasSubscribers, 3_000, 'the first app to stop publishing');
    const lines: string[] = [];
    const sub = new Redis(REDIS_URL);
    try {
      sub.on('message', (_c: string, raw: string) => lines.push(raw));
      await sub.subscribe(`${asyncPrefix}:tail`);
      await waitFor(() => intake.hasSubscribers, 3_000, 'the async app to notice the tail');
      // Only the async app publishes here: the first app's channel has no subscriber.
      intake.publish({ source: 'shop', status: 404, outcome: 'not_found', eventId: undefined, type: undefined, durationMs: 0.2 });
      await waitFor(() => lines.length === 1, 3_000, 'the line');
      expect(JSON.parse(lines[0]!)).toMatchObject({ channel: 'aiwire:webhook:intake', message: { outcome: 'not_found', status: 404 } });
      expect(received.filter((raw) => raw.includes('not_found'))).toEqual([]);
    } finally {
      sub.disconnect();
      await other.close();
      await deleteKeys(asyncPrefix);
    }
  });

  async function deliverSigned(type: string, id: string): Promise<{ signature: string }> {
    const body = JSON.stringify({ id, event_type: type });
    const headers = signWebhook('hmac-sha256', SECRET, body);
    const res = await fetch(`${app.url}/webhooks/shop`, { method: 'POST', headers, body });
    expect(res.status).toBe(202);
    return { signature: headers['x-signature']! };
  }
});
