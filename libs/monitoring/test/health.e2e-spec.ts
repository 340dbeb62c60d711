import request from 'supertest';
import { Injectable, Module, type Type } from '@nestjs/common';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { OnWebhook, WebhookModule, type WebhookEvent, type WebhookModuleOptions } from '@aiwire/webhooks';
import { signWebhook } from '@aiwire/webhooks/testing';
import { ConnectorRegistry, ConnectorsModule, type StripeConnector } from '@aiwire/connectors';
import { MonitoringModule, type MonitoringHealthOptions } from '@aiwire/monitoring';
import { PLATFORMS, startApp, type RunningApp } from '../../../test/support/http-app.js';
import { REDIS_URL, deleteKeys, startPrivateRedis, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';

const SECRET = 'health-e2e-helpdesk-secret';

/** Handlers: `flaky` always fails, with a single attempt, so each delivery leaves one dead letter. */
@Injectable()
class Handlers {
  @OnWebhook('ticket.created')
  async seen(_event: WebhookEvent): Promise<void> {}

  @OnWebhook('ticket.doomed', { attempts: 1 })
  async flaky(_event: WebhookEvent): Promise<void> {
    throw new Error('flaky failed on purpose');
  }
}

function webhooks(prefix: string, extra: Partial<WebhookModuleOptions> = {}) {
  return WebhookModule.forRoot({
    redis: { url: REDIS_URL },
    keyPrefix: prefix,
    queue: { prefix },
    sources: { helpdesk: { scheme: 'hmac-sha256', secrets: [SECRET], header: 'x-signature' } },
    ...extra,
  });
}

function hostApp(imports: Array<Type<unknown> | ReturnType<typeof MonitoringModule.forRoot>>): Type<unknown> {
  @Module({ imports, providers: [Handlers] })
  class AppModule {}
  return AppModule;
}

async function deliver(url: string, type: string, id: string): Promise<void> {
  const body = { id, event_type: type };
  const res = await request(url).post('/webhooks/helpdesk').set(signWebhook('hmac-sha256', SECRET, body)).send(JSON.stringify(body));
  expect(res.status).toBe(202);
}

const ready = (url: string) => request(url).get('/health/ready');

describe.each(PLATFORMS)('health on %s', (platform) => {
  describe('readiness follows monitoring’s Redis', () => {
    let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
    let running: RunningApp;
    beforeAll(async () => {
      redis = await startPrivateRedis();
      running = await startApp(platform, hostApp([MonitoringModule.forRoot({ redis: { url: redis.url }, health: { timeoutMs: 300 } })]));
    });
    afterAll(async () => {
      await running?.close();
      await redis?.stop();
    });

    it('answers live with the process and ready with Redis up, in terminus’ shape, never cached', async () => {
      const live = await request(running.url).get('/health/live');
      expect(live.status).toBe(200);
      expect(live.body).toMatchObject({ status: 'ok', info: { process: { status: 'up', pid: process.pid } }, error: {} });
      expect(live.headers['cache-control']).toBe('no-cache, no-store, must-revalidate');
      const res = await ready(running.url);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ok', error: {}, details: { redis: { status: 'up' }, queues: { status: 'up', byName: {} }, deadLetters: { status: 'up', count: 0 }, circuits: { status: 'up', open: [] } } });
      expect(res.body.details.redis.responseTime).toEqual(expect.any(Number));
    });

    it('turns not-ready within seconds when Redis stops, stays live, and is ready again when it returns', async () => {
      await redis.stop();
      const stoppedAt = Date.now();
      const down = await waitFor(async () => {
        const res = await ready(running.url);
        return res.status === 503 && res;
      }, 5_000, 'readiness 503');
      expect(Date.now() - stoppedAt).toBeLessThan(3_000);
      expect(down.body).toMatchObject({ status: 'error', error: { redis: { status: 'down' } } });
      expect(down.body.error.redis.message).toMatch(/^Monitoring's Redis (is not connected|did not answer PING)/);
      expect(Object.keys(down.body.error)).toEqual(['redis']);
      expect((await request(running.url).get('/health/live')).status).toBe(200);

      redis = await startPrivateRedis(redis.port);
      const restartedAt = Date.now();
      await waitFor(async () => (await ready(running.url)).status === 200, 8_000, 'readiness 200 again');
      expect(Date.now() - restartedAt).toBeLessThan(5_000);
    });
  });

  describe('a Redis that hangs (connected, answering nothing)', () => {
    const prefix = uniquePrefix(`health-hang-${platform}`);
    let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
    let running: RunningApp;
    beforeAll(async () => {
      redis = await startPrivateRedis();
      const monitoring = MonitoringModule.forRoot({ redis: { url: redis.url }, health: { timeoutMs: 300 } });
      running = await startApp(platform, hostApp([webhooks(prefix, { redis: { url: redis.url }, workers: false }), monitoring]));
    });
    afterAll(async () => {
      redis?.process.kill('SIGCONT');
      await running?.close();
      await redis?.stop();
    });

    it('reports Redis, the queue counts and the dead letters down within timeoutMs, and recovers', async () => {
      expect((await ready(running.url)).status).toBe(200);
      redis.process.kill('SIGSTOP');
      try {
        const started = Date.now();
        const res = await ready(running.url);
        expect(Date.now() - started).toBeLessThan(1_500);
        expect(res.status).toBe(503);
        expect(res.body.error.redis).toMatchObject({ status: 'down', message: "Monitoring's Redis did not answer PING (timeout of 300ms exceeded): check that it runs and answers at the configured address" });
        expect(res.body.error.queues.message).toBe('The jobs of queue "webhooks" could not be counted within 300 ms; check that its Redis answers');
        expect(res.body.error.deadLetters.status).toBe('down');
        expect(res.body.details.circuits.status).toBe('up');
      } finally {
        redis.process.kill('SIGCONT');
      }
      await waitFor(async () => (await ready(running.url)).status === 200, 5_000, 'ready again');
    });
  });

  describe('backlog threshold', () => {
    const prefix = uniquePrefix(`health-backlog-${platform}`);
    let running: RunningApp;
    beforeAll(async () => {
      // No workers: every accepted delivery stays waiting.
      const health: MonitoringHealthOptions = { maxBacklog: { webhooks: 2, 'no-such-queue': 5 } };
      running = await startApp(platform, hostApp([webhooks(prefix, { workers: false }), MonitoringModule.forRoot({ health })]));
    });
    afterAll(async () => {
      await running?.close();
      await deleteKeys(prefix);
    });

    it('reports each queue’s backlog and fails readiness once it passes maxBacklog', async () => {
      await deliver(running.url, 'ticket.created', `bk_${platform}_1`);
      await deliver(running.url, 'ticket.created', `bk_${platform}_2`);
      const at = await ready(running.url);
      expect(at.status).toBe(200);
      expect(at.body.details.queues.byName.webhooks).toEqual({ waiting: 2, delayed: 0, active: 0, failed: 0, backlog: 2, maxBacklog: 2 });
      expect(at.body.details).not.toHaveProperty('redis'); // monitoring has no Redis of its own here

      await deliver(running.url, 'ticket.created', `bk_${platform}_3`);
      const above = await ready(running.url);
      expect(above.status).toBe(503);
      expect(above.body.error.queues).toMatchObject({ status: 'down', byName: { webhooks: { backlog: 3, maxBacklog: 2 } } });
      expect(above.body.error.queues.message).toContain('"webhooks" passed health.maxBacklog');
    });

    it('warns at startup about a limit on a queue the app does not have', () => {
      expect(running.logs.lines.some((l) => l.level === 'warn' && l.message.includes('health.maxBacklog names queue "no-such-queue"') && l.message.includes('"webhooks"'))).toBe(true);
    });
  });

  describe('dead letters and open circuits', () => {
    const prefix = uniquePrefix(`health-dead-${platform}`);
    let sandbox: Sandbox;
    let lenient: RunningApp;
    let strict: RunningApp;
    const connectors = (s: Sandbox) =>
      ConnectorsModule.forRoot({
        redis: { url: REDIS_URL },
        keyPrefix: `${prefix}:connectors`,
        connectors: {
          payments: { kind: 'stripe', auth: { type: 'bearer', token: s.credentials.stripeSecretKey }, baseUrl: s.urls.stripe, retry: false, circuitBreaker: { failureThreshold: 2, cooldownMs: 60_000 } },
        },
      });
    beforeAll(async () => {
      sandbox = await startSandbox();
      lenient = await startApp(platform, hostApp([webhooks(prefix), connectors(sandbox), MonitoringModule.forRoot({ health: true })]));
      // The same queue, read by an app that fails readiness on them (it runs no workers of its own).
      strict = await startApp(platform, hostApp([webhooks(prefix, { workers: false }), MonitoringModule.forRoot({ health: { failOnDeadLetters: true, failOnOpenCircuit: true } })]));
    });
    afterAll(async () => {
      await lenient?.close();
      await strict?.close();
      await sandbox?.close();
      await deleteKeys(prefix);
    });

    it('always reports dead letters; fails readiness on them only with failOnDeadLetters', async () => {
      expect((await ready(strict.url)).status).toBe(200);
      await deliver(lenient.url, 'ticket.doomed', `dl_${platform}_1`);
      const res = await waitFor(async () => {
        const r = await ready(lenient.url);
        return r.body.details?.deadLetters?.count === 1 && r;
      }, 10_000, 'one dead letter reported');
      expect(res.status).toBe(200);
      expect(res.body.details.deadLetters).toEqual({ status: 'up', count: 1, message: '1 dead letter(s): inspect and replay them with WebhookAdminService' });

      const failing = await ready(strict.url);
      expect(failing.status).toBe(503);
      expect(failing.body.error.deadLetters).toMatchObject({ status: 'down', count: 1 });
    });

    it('always reports an open circuit breaker; fails readiness on it only with failOnOpenCircuit', async () => {
      const payments = lenient.app.get(ConnectorRegistry).get<StripeConnector>('payments');
      sandbox.faults.inject('stripe', { status: 503, times: 2 });
      for (let i = 0; i < 2; i++) await expect(payments.getCustomer('cus_Sbxmaya000001')).rejects.toMatchObject({ status: 503 });

      const res = await ready(lenient.url);
      expect(res.status).toBe(200);
      expect(res.body.details.circuits).toMatchObject({ status: 'up', open: ['payments'], states: { payments: 'open' } });
      expect(res.body.details.circuits.message).toContain('"payments" is open');

      // Breakers live in each process: the strict app hears the same aiwire:http:circuit channel.
      const failing = await ready(strict.url);
      expect(failing.status).toBe(503);
      expect(failing.body.error.circuits).toMatchObject({ status: 'down', open: ['payments'] });
    });
  });
});

describe.each(PLATFORMS)('health with forRootAsync on %s', (platform) => {
  it('serves the routes given beside the factory, and 404 there when the factory leaves health off', async () => {
    const on = await startApp(platform, hostApp([MonitoringModule.forRootAsync({ routes: { health: '/probes' }, useFactory: async () => ({ health: { timeoutMs: 200 } }) })]));
    const off = await startApp(platform, hostApp([MonitoringModule.forRootAsync({ routes: { health: '/probes' }, useFactory: async () => ({}) })]));
    try {
      expect((await request(on.url).get('/probes/live')).status).toBe(200);
      expect((await request(on.url).get('/probes/ready')).body).toMatchObject({ status: 'ok' });
      expect((await request(off.url).get('/probes/live')).status).toBe(404);
      expect((await request(off.url).get('/probes/ready')).status).toBe(404);
    } finally {
      await on.close();
      await off.close();
    }
  });

  it('refuses a maxBacklog that is not a whole number at startup', async () => {
    const bad = hostApp([MonitoringModule.forRootAsync({ useFactory: () => ({ health: { maxBacklog: { webhooks: -1 } } }) })]);
    await expect(startApp(platform, bad)).rejects.toThrow('health.maxBacklog["webhooks"] must be a whole number of jobs');
  });
});
