import request from 'supertest';
import { request as httpRequest, type Server } from 'node:http';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { Body, Controller, Get, Module, Post, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { WebhookModule, type WebhookIntakeMessage, type WebhookModuleOptions, type WebhookScheme } from '@aiwire/webhooks';
import { signWebhook } from '@aiwire/webhooks/testing';
import { PLATFORMS, type Platform } from '../../../test/support/http-app.js';
import { CapturingLogger } from '../../../test/support/capturing-logger.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { SECRETS, sources, stripeEvent } from './webhook-fixtures.js';

@Controller()
class ShopController {
  @Get('health')
  health() {
    return { ok: true };
  }

  @Post('orders')
  order(@Body() body: { sku: string }) {
    return { ordered: body.sku };
  }

  /** An app route under the intake's prefix: the intake must not take it. */
  @Post('webhooks/status')
  status(@Body() body: { probe: string }) {
    return { status: 'up', probe: body.probe };
  }
}

/** A host app with its own routes beside the server-mounted intake, booted like a main.ts. */
async function boot(
  platform: Platform,
  options: Partial<WebhookModuleOptions>,
  globalPrefix?: string,
  beforeInit?: (app: INestApplication) => void,
): Promise<{ app: INestApplication; url: string; logs: CapturingLogger }> {
  @Module({
    imports: [WebhookModule.forRoot({ redis: { url: REDIS_URL }, sources: sources(), workers: false, ...options })],
    controllers: [ShopController],
  })
  class AppModule {}
  const adapter = platform === 'express' ? new ExpressAdapter() : new FastifyAdapter();
  const logs = new CapturingLogger();
  const app = await NestFactory.create(AppModule, adapter, { logger: logs });
  if (globalPrefix) app.setGlobalPrefix(globalPrefix);
  beforeInit?.(app);
  await app.listen(0, '127.0.0.1');
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1'), logs };
}

describe.each(PLATFORMS)('the server-mounted intake on %s', (platform) => {
  const prefix = uniquePrefix(`mount-${platform}`);
  const base = { keyPrefix: prefix, queue: { prefix } };
  let n = 0;
  const signed = () => {
    const body = stripeEvent(`evt_mount_${platform}_${++n}_${Date.now()}`);
    return { body: JSON.stringify(body), headers: signWebhook('stripe', SECRETS.stripe, body) };
  };
  afterAll(() => deleteKeys(prefix));

  it('leaves every other request to the framework, body parsing included', async () => {
    const { app, url } = await boot(platform, base);
    try {
      expect((await request(url).get('/health')).body).toEqual({ ok: true });
      expect((await request(url).post('/orders').send({ sku: 'lamp-1' })).body).toEqual({ ordered: 'lamp-1' });
      // not a POST: the framework answers (its 404), not the intake
      const get = await request(url).get('/webhooks/stripe');
      expect(get.status).toBe(404);
      expect(get.body.error).not.toBe('unknown_source');
      const event = signed();
      expect((await request(url).post('/webhooks/stripe?attempt=1').set(event.headers).send(event.body)).status).toBe(202);
      const again = signed();
      expect((await request(url).post('/webhooks/stripe/').set(again.headers).send(again.body)).status).toBe(202);
    } finally {
      await app.close();
    }
  });

  it("leaves a path that names no source to the app's own routes, and else to the framework's 404", async () => {
    const { app, url } = await boot(platform, base);
    try {
      const own = await request(url).post('/webhooks/status').send({ probe: 'p1' });
      expect(own.status).toBe(201);
      expect(own.body).toEqual({ status: 'up', probe: 'p1' });
      const nowhere = await request(url).post('/webhooks/nowhere').send({ probe: 'p2' });
      expect(nowhere.status).toBe(404);
      expect(nowhere.body.error).not.toBe('unknown_source');
      expect(nowhere.body.statusCode).toBe(404);
      const event = signed();
      expect((await request(url).post('/webhooks/stripe').set(event.headers).send(event.body)).status).toBe(202);
    } finally {
      await app.close();
    }
  });

  it("sits under the app's global prefix, as a controller would", async () => {
    const { app, url } = await boot(platform, base, 'api');
    try {
      const event = signed();
      expect((await request(url).post('/api/webhooks/stripe').set(event.headers).send(event.body)).status).toBe(202);
      const outside = await request(url).post('/webhooks/stripe').set(event.headers).send(event.body);
      expect(outside.status).toBe(404);
      expect(outside.body.error).not.toBe('unknown_source');
    } finally {
      await app.close();
    }
  });

  it('finds the caller behind trusted proxies with trustProxy, and only then', async () => {
    const allowed = sources({ partner: { scheme: 'hmac-sha256', secrets: [SECRETS.helpdesk], allowIps: ['203.0.113.0/24'] } });
    const trusting = await boot(platform, { ...base, sources: allowed, trustProxy: 1 });
    const strict = await boot(platform, { ...base, sources: allowed });
    try {
      const send = (url: string, forwardedFor?: string) => {
        const body = { id: `p_${platform}_${++n}`, event_type: 'order.shipped' };
        const headers = { ...signWebhook('hmac-sha256', SECRETS.helpdesk, body), ...(forwardedFor && { 'x-forwarded-for': forwardedFor }) };
        return request(url).post('/webhooks/partner').set(headers).send(JSON.stringify(body));
      };
      expect((await send(trusting.url, '203.0.113.7')).status).toBe(202);
      expect((await send(trusting.url)).status).toBe(403);
      // one trusted hop: the address our proxy saw is the last one, whatever the caller wrote before it
      expect((await send(trusting.url, '203.0.113.7, 198.51.100.1')).status).toBe(403);
      expect((await send(strict.url, '203.0.113.7')).status).toBe(403);
    } finally {
      await trusting.app.close();
      await strict.app.close();
    }
  });

  it('answers a body declared far over the limit with 413 at once and closes the connection', async () => {
    const { app, url } = await boot(platform, base);
    try {
      const { port } = new URL(url);
      const answer = await new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/webhooks/stripe', headers: { 'content-type': 'application/json', 'content-length': String(100 * 2 ** 20) } }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
        });
        req.on('error', reject);
        req.write('{"id":"evt_endless","pad":"'); // and never the other 100 MiB
      });
      expect(answer.status).toBe(413);
      expect(answer.connection).toBe('close');
      expect(JSON.parse(answer.body).error).toBe('payload_too_large');
    } finally {
      await app.close();
    }
  });

  it('publishes every answer on aiwire:webhook:intake, refusals included; an unknown source is not its answer', async () => {
    const { app, url } = await boot(platform, { ...base, sources: sources({ small: { scheme: 'hmac-sha256', secrets: [SECRETS.helpdesk], maxBodyBytes: 64 } }) });
    const seen: WebhookIntakeMessage[] = [];
    const listener = (message: unknown) => seen.push(message as WebhookIntakeMessage);
    subscribe('aiwire:webhook:intake', listener);
    try {
      const event = signed();
      await request(url).post('/webhooks/stripe').set(event.headers).send(event.body);
      await request(url).post('/webhooks/nowhere').send('{}');
      await request(url).post('/webhooks/small').send(JSON.stringify({ pad: 'x'.repeat(100) }));
      expect(seen.map((m) => [m.source, m.status, m.outcome])).toEqual([
        ['stripe', 202, 'accepted'],
        ['small', 413, 'payload_too_large'],
      ]);
      expect(seen.every((m) => m.durationMs >= 0)).toBe(true);
    } finally {
      unsubscribe('aiwire:webhook:intake', listener);
      await app.close();
    }
  });

  it('answers 500 internal_error and logs it when a custom scheme throws, and keeps serving', async () => {
    const broken: WebhookScheme = {
      name: 'broken', signatureHeaders: [], verify: () => undefined, eventId: () => 'x',
      eventType: () => { throw new Error('scheme bug'); },
    };
    const { app, url, logs } = await boot(platform, { ...base, sources: sources({ broken: { scheme: broken, secrets: ['s'] } }) });
    try {
      const res = await request(url).post('/webhooks/broken').set('content-type', 'application/json').send('{}');
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ status: 'error', error: 'internal_error', message: 'Webhook receiver failed; see the server log' });
      expect(logs.text()).toContain('Webhook intake failed unexpectedly and answered 500: scheme bug');
      const event = signed();
      expect((await request(url).post('/webhooks/stripe').set(event.headers).send(event.body)).status).toBe(202);
    } finally {
      await app.close();
    }
  });

  it('drops a delivery whose sender goes away mid-body: nothing answered, nothing stored', async () => {
    const { app, url } = await boot(platform, base);
    const seen: WebhookIntakeMessage[] = [];
    const listener = (message: unknown) => seen.push(message as WebhookIntakeMessage);
    subscribe('aiwire:webhook:intake', listener);
    try {
      const { port } = new URL(url);
      await new Promise<void>((resolve) => {
        const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/webhooks/stripe', headers: { 'content-length': '500' } });
        req.on('error', () => resolve());
        req.write('{"id":"evt_gone"', () => setTimeout(() => req.destroy(), 50));
      });
      await new Promise((r) => setTimeout(r, 100));
      expect(seen).toEqual([]);
      const event = signed();
      expect((await request(url).post('/webhooks/stripe').set(event.headers).send(event.body)).status).toBe(202);
    } finally {
      unsubscribe('aiwire:webhook:intake', listener);
      await app.close();
    }
  });

  it('warns when the HTTP server has no framework listener to hand other requests to', async () => {
    const { app, logs } = await boot(platform, base, undefined, (a) => (a.getHttpServer() as Server).removeAllListeners('request'));
    try {
      expect(logs.text()).toContain("requests the intake does not take will go unanswered. Use WebhookModule.forRoot({ ..., mount: 'controller' })");
    } finally {
      await app.close();
    }
  });
});
