import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { Injectable, Module } from '@nestjs/common';
import { Redis } from 'ioredis';
import { OnWebhook, WebhookAdminService, WebhookModule, type WebhookEvent, type WebhookModuleOptions, type WebhookScheme } from '@aiwire/webhooks';
import { signWebhook } from '@aiwire/webhooks/testing';
import { PLATFORMS, startApp } from '../../../test/support/http-app.js';
import { compileFixture, startChild, type ChildApp } from '../../../test/support/processes.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { SECRETS, hostModule, sources, stripeEvent, type Calls } from './webhook-fixtures.js';

/** Settings a host would read from its config service. */
@Injectable()
class WebhookSettings {
  readonly redisUrl = REDIS_URL;
  readonly stripeSecret = SECRETS.stripe;
}
@Module({ providers: [WebhookSettings], exports: [WebhookSettings] })
class SettingsModule {}

describe.each(PLATFORMS)('webhook module deployments on %s', (platform) => {
  const prefixes: string[] = [];
  const fresh = (name: string) => {
    const p = uniquePrefix(`${name}-${platform}`);
    prefixes.push(p);
    return p;
  };
  afterAll(async () => {
    for (const p of prefixes) await deleteKeys(p);
  });

  it('forRootAsync builds the options from injected providers, under a custom route prefix', async () => {
    const prefix = fresh('async');
    const calls: Calls = [];
    @Injectable()
    class Handlers {
      @OnWebhook('payment_intent.succeeded', { source: 'stripe' })
      async paid(event: WebhookEvent) { calls.push({ handler: 'paid', event }); }
    }
    @Module({
      imports: [
        WebhookModule.forRootAsync({
          prefix: 'hooks',
          imports: [SettingsModule],
          inject: [WebhookSettings],
          useFactory: (s: WebhookSettings): WebhookModuleOptions => ({
            redis: { url: s.redisUrl }, sources: { stripe: { scheme: 'stripe', secrets: [s.stripeSecret] } }, keyPrefix: prefix, queue: { prefix },
          }),
        }),
      ],
      providers: [Handlers],
    })
    class AppModule {}
    const running = await startApp(platform, AppModule);
    try {
      const body = stripeEvent(`evt_async_${platform}`);
      const res = await request(running.url).post('/hooks/stripe').set(signWebhook('stripe', SECRETS.stripe, body)).send(JSON.stringify(body));
      expect(res.status).toBe(202);
      await waitFor(() => calls.length === 1, 10_000, 'handler');
      expect((await request(running.url).post('/webhooks/stripe').send('{}')).status).toBe(404);
    } finally {
      await running.close();
    }
  });

  it('an API-only process (workers: false) stores events that a separate worker process runs', async () => {
    const prefix = fresh('split');
    const apiCalls: Calls = [];
    const workerCalls: Calls = [];
    const api = await startApp(platform, hostModule(apiCalls, { workers: false, keyPrefix: prefix, queue: { prefix } }));
    const worker = await startApp(platform, hostModule(workerCalls, { workers: true, keyPrefix: prefix, queue: { prefix } }));
    try {
      const id = `evt_split_${platform}`;
      const body = stripeEvent(id);
      const res = await request(api.url).post('/webhooks/stripe').set(signWebhook('stripe', SECRETS.stripe, body)).send(JSON.stringify(body));
      expect(res.status).toBe(202);
      await waitFor(() => workerCalls.length === 2, 10_000, 'worker runs both handlers');
      expect(workerCalls.map((c) => c.handler).sort()).toEqual(['audit', 'onPaid']);
      expect(apiCalls).toHaveLength(0);
      // the worker's instance answers the duplicate too: state is in Redis, not in a process
      const again = await request(worker.url).post('/webhooks/stripe').set(signWebhook('stripe', SECRETS.stripe, body)).send(JSON.stringify(body));
      expect(again.body).toEqual({ status: 'duplicate', id });
    } finally {
      await api.close();
      await worker.close();
    }
  });

  it('shares a source rate limit between instances through Redis', async () => {
    const prefix = fresh('shared-limit');
    const limited = sources({ helpdesk: { scheme: 'hmac-sha256', secrets: [SECRETS.helpdesk], rateLimit: { limit: 2, windowSeconds: 60 } } });
    const one = await startApp(platform, hostModule([], { keyPrefix: prefix, queue: { prefix }, sources: limited, workers: false }));
    const two = await startApp(platform, hostModule([], { keyPrefix: prefix, queue: { prefix }, sources: limited, workers: false }));
    try {
      const send = (url: string, id: string) => {
        const body = { id, event_type: 'ticket.created' };
        return request(url).post('/webhooks/helpdesk').set(signWebhook('hmac-sha256', SECRETS.helpdesk, body)).send(JSON.stringify(body));
      };
      expect((await send(one.url, 'rl-1')).status).toBe(202);
      expect((await send(two.url, 'rl-2')).status).toBe(202);
      const third = await send(one.url, 'rl-3');
      expect(third.status).toBe(429);
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      expect((await send(two.url, 'rl-4')).status).toBe(429);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('accepts a custom scheme object for a provider aiwire does not ship', async () => {
    const prefix = fresh('custom');
    const calls: Calls = [];
    const token: WebhookScheme = {
      name: 'shared-token',
      signatureHeaders: ['x-token'],
      verify(req, secrets) {
        if (!secrets.includes(String(req.headers['x-token']))) throw new Error('nope');
      },
      eventId: (req) => String(req.headers['x-delivery']),
      eventType: (_req, payload) => (payload as { kind?: string }).kind,
    };
    const running = await startApp(platform, hostModule(calls, { keyPrefix: prefix, queue: { prefix }, sources: sources({ legacy: { scheme: token, secrets: ['t0ken'] } }) }));
    try {
      const post = (headers: Record<string, string>) =>
        request(running.url).post('/webhooks/legacy').set({ 'content-type': 'application/json', ...headers }).send(JSON.stringify({ kind: 'payment.completed' }));
      const denied = await post({ 'x-token': 'wrong', 'x-delivery': 'd1' });
      expect(denied.status).toBe(401);
      expect(denied.body.message).toBe('Invalid signature');
      expect((await post({ 'x-token': 't0ken', 'x-delivery': 'd1' })).status).toBe(202);
      await waitFor(() => calls.filter((c) => c.event.id === 'd1').length === 2, 10_000, 'onOrder and audit');
      expect(calls.find((c) => c.handler === 'onOrder')?.event.headers).not.toHaveProperty('x-token');
    } finally {
      await running.close();
    }
  });

  it('an API-only process stores the executions before it answers 202, and never runs them', async () => {
    const prefix = fresh('api-only');
    const apiCalls: Calls = [];
    const api = await startApp(platform, hostModule(apiCalls, { workers: false, keyPrefix: prefix, queue: { prefix } }));
    const redis = new Redis(REDIS_URL);
    try {
      const id = `evt_api_only_${platform}`;
      const body = stripeEvent(id);
      const res = await request(api.url).post('/webhooks/stripe').set(signWebhook('stripe', SECRETS.stripe, body)).send(JSON.stringify(body));
      expect(res.status).toBe(202);
      const jobKey = `${prefix}:webhooks:stripe:${id}:PaymentHandlers.onPaid`;
      const stored = await redis.hgetall(jobKey);
      expect(JSON.parse(stored['data']!)).toMatchObject({ handler: 'PaymentHandlers.onPaid', event: { id, source: 'stripe', type: 'payment_intent.succeeded' } });
      expect((await redis.lrange(`${prefix}:webhooks:wait`, 0, -1)).sort()).toEqual([`stripe:${id}:PaymentHandlers.audit`, `stripe:${id}:PaymentHandlers.onPaid`]);
      await new Promise((r) => setTimeout(r, 500));
      expect(apiCalls).toHaveLength(0);
      expect(await redis.llen(`${prefix}:webhooks:wait`)).toBe(2);

      const workerCalls: Calls = [];
      const worker = await startApp(platform, hostModule(workerCalls, { keyPrefix: prefix, queue: { prefix } }));
      try {
        await waitFor(() => workerCalls.length === 2, 10_000, 'the worker picks both up');
      } finally {
        await worker.close();
      }
    } finally {
      redis.disconnect();
      await api.close();
    }
  });

  it('acknowledges an event no handler subscribes to, stores nothing, and drops its retries', async () => {
    const prefix = fresh('unhandled');
    const calls: Calls = [];
    @Injectable()
    class OnlyPayments {
      @OnWebhook('payment_intent.succeeded', { source: 'stripe' })
      async paid(event: WebhookEvent) { calls.push({ handler: 'paid', event }); }
    }
    @Module({
      imports: [WebhookModule.forRoot({ redis: { url: REDIS_URL }, sources: sources(), keyPrefix: prefix, queue: { prefix } })],
      providers: [OnlyPayments],
    })
    class AppModule {}
    const running = await startApp(platform, AppModule);
    const redis = new Redis(REDIS_URL);
    try {
      const body = stripeEvent(`evt_unhandled_${platform}`, 'customer.created');
      const headers = signWebhook('stripe', SECRETS.stripe, body);
      const res = await request(running.url).post('/webhooks/stripe').set(headers).send(JSON.stringify(body));
      expect(res.body).toEqual({ status: 'accepted', id: body.id });
      expect(await redis.keys(`${prefix}:webhooks:stripe:*`)).toEqual([]);
      expect(await redis.exists(`${prefix}:dedup:stripe:${body.id}`)).toBe(1);
      const again = await request(running.url).post('/webhooks/stripe').set(headers).send(JSON.stringify(body));
      expect(again.body).toEqual({ status: 'duplicate', id: body.id });
      expect(calls).toHaveLength(0);
    } finally {
      redis.disconnect();
      await running.close();
    }
  });

  it('forRoot takes a route prefix, and isGlobal makes WebhookAdminService injectable everywhere', async () => {
    const prefix = fresh('global');
    @Injectable()
    class Operations {
      constructor(readonly admin: WebhookAdminService) {}
    }
    @Module({ providers: [Operations], exports: [Operations] })
    class OperationsModule {}
    @Module({
      imports: [
        WebhookModule.forRoot({ redis: { url: REDIS_URL }, sources: sources(), keyPrefix: prefix, queue: { prefix }, prefix: 'inbound/hooks', isGlobal: true, workers: false }),
        OperationsModule,
      ],
    })
    class AppModule {}
    const running = await startApp(platform, AppModule);
    try {
      expect(running.app.get(Operations).admin).toBeInstanceOf(WebhookAdminService);
      const body = stripeEvent(`evt_global_${platform}`);
      const res = await request(running.url).post('/inbound/hooks/stripe').set(signWebhook('stripe', SECRETS.stripe, body)).send(JSON.stringify(body));
      expect(res.status).toBe(202);
    } finally {
      await running.close();
    }
  });
});

/** Real processes, as a deployment runs them (test/fixtures/deployment-app.ts on the built packages). */
describe('a split deployment: 2 API-only and 2 worker-only processes on one Redis', () => {
  const prefix = uniquePrefix('split-2x2');
  const children: ChildApp[] = [];
  let redis: Redis;

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    for (const child of children) if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
    await deleteKeys(prefix);
    redis.disconnect();
  });

  it('handles every event exactly once, whichever API took it, however often it was sent', async () => {
    const script = compileFixture(fileURLToPath(new URL('./fixtures/deployment-app.ts', import.meta.url)), ['core', 'webhooks']);
    const roles = [['api', 'api-1'], ['api', 'api-2'], ['worker', 'worker-1'], ['worker', 'worker-2']] as const;
    for (const [role, name] of roles) children.push(startChild(script, { REDIS_URL, PREFIX: prefix, ROLE: role, NAME: name, HANDLER_MS: '2' }));
    const started = await waitFor(async () => {
      const up = await redis.lrange(`${prefix}:processes`, 0, -1);
      return up.length === roles.length && up;
    }, 30_000, `the four processes to start:\n${children.map((c) => c.output()).join('\n')}`);
    const apis = started.filter((line) => line.startsWith('api ')).map((line) => line.split(' ')[2]!);
    expect(apis).toHaveLength(2);

    // Each event goes to one API, and the sender's retry of it to the other.
    const events = Array.from({ length: 120 }, (_, i) => `tkt-${i}`);
    const send = (url: string, id: string) => {
      const body = { id, event_type: 'ticket.created' };
      return request(url).post('/webhooks/helpdesk').set(signWebhook('hmac-sha256', 'fixture-secret', body)).send(JSON.stringify(body));
    };
    const replies = await Promise.all(
      events.map(async (id, i) => {
        const first = await send(apis[i % 2]!, id);
        const retry = await send(apis[(i + 1) % 2]!, id);
        return [first.status, retry.status];
      }),
    );
    expect(replies.every(([first, retry]) => first === 202 && retry === 200)).toBe(true);

    const expected = events.flatMap((id) => [`onTicket:${id}`, `audit:${id}`]).sort();
    await waitFor(async () => (await redis.llen(`${prefix}:ledger`)) >= expected.length, 30_000, 'every execution to run');
    await new Promise((r) => setTimeout(r, 1_000)); // nothing runs a second time afterwards
    const ledger = await redis.lrange(`${prefix}:ledger`, 0, -1);
    expect(ledger.map((entry) => entry.slice(0, entry.lastIndexOf(':'))).sort()).toEqual(expected);
    const ranIn = new Set(ledger.map((entry) => entry.slice(entry.lastIndexOf(':') + 1)));
    expect([...ranIn].sort()).toEqual(['worker-1', 'worker-2']); // both workers shared the work; no API ran any
    expect(await redis.zcard(`${prefix}:webhooks:failed`)).toBe(0);
    expect(await redis.llen(`${prefix}:webhooks:wait`)).toBe(0);

    for (const child of children) child.process.kill('SIGTERM');
    await Promise.all(children.map((child) => child.exited)); // each shuts down on SIGTERM
  }, 120_000);
});
