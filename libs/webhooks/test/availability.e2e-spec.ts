import request from 'supertest';
import { Redis } from 'ioredis';
import { Module } from '@nestjs/common';
import { WebhookModule } from '@aiwire/webhooks';
import { signWebhook } from '@aiwire/webhooks/testing';
import { PLATFORMS, startApp, type RunningApp } from '../../../test/support/http-app.js';
import { REDIS_URL, deleteKeys, freePort, startPrivateRedis, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { SECRETS, hostModule, sources, stripeEvent, type Calls } from './webhook-fixtures.js';

const stripe = (id: string) => {
  const body = stripeEvent(id);
  return { body: JSON.stringify(body), headers: signWebhook('stripe', SECRETS.stripe, body) };
};

describe.each(PLATFORMS)('webhook intake when things are missing, on %s', (platform) => {
  it('answers 503 with Retry-After, never 2xx, when Redis goes away — and 202 again when it is back', async () => {
    let redis = await startPrivateRedis();
    const calls: Calls = [];
    const running = await startApp(platform, hostModule(calls, { redis: { url: redis.url }, storeTimeoutMs: 500 }));
    try {
      const first = stripe(`evt_up_${platform}`);
      expect((await request(running.url).post('/webhooks/stripe').set(first.headers).send(first.body)).status).toBe(202);

      await redis.stop();
      const down = stripe(`evt_down_${platform}`);
      const res = await request(running.url).post('/webhooks/stripe').set(down.headers).send(down.body);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body.error).toBe('unavailable');
      expect(running.logs.text()).toContain('Redis did not store the event');

      redis = await startPrivateRedis(redis.port);
      const back = stripe(`evt_back_${platform}`);
      await waitFor(async () => (await request(running.url).post('/webhooks/stripe').set(back.headers).send(back.body)).status === 202, 15_000, 'intake to recover');
      await waitFor(() => calls.some((c) => c.event.id === `evt_back_${platform}`), 10_000, 'handler after recovery');
      expect(calls.some((c) => c.event.id === `evt_down_${platform}`)).toBe(false);
      expect(running.logs.text()).toContain('Redis connection restored');
    } finally {
      await running.close();
      await redis.stop();
    }
  });

  it('answers 503 when Redis never answered since startup', async () => {
    const port = await freePort();
    const running = await startApp(platform, hostModule([], { redis: { url: `redis://127.0.0.1:${port}` }, workers: false }));
    try {
      const down = stripe(`evt_never_${platform}`);
      const res = await request(running.url).post('/webhooks/stripe').set(down.headers).send(down.body);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
    } finally {
      await running.close();
    }
  });

  it('answers 503 when Redis holds the command longer than storeTimeoutMs, never a 2xx', async () => {
    const redis = await startPrivateRedis();
    const running = await startApp(platform, hostModule([], { redis: { url: redis.url }, storeTimeoutMs: 300, workers: false }));
    const admin = new Redis(redis.url);
    try {
      await admin.client('PAUSE', 1500, 'ALL');
      const slow = stripe(`evt_slow_${platform}`);
      const started = Date.now();
      const res = await request(running.url).post('/webhooks/stripe').set(slow.headers).send(slow.body);
      expect(res.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(1200);
      expect(running.logs.text()).toContain('no answer within 300 ms');
    } finally {
      admin.disconnect();
      await running.close();
      await redis.stop();
    }
  });

  it('answers 500 and logs the fix when a controller-mounted intake runs in an app created without rawBody', async () => {
    const prefix = uniquePrefix('rawbody');
    @Module({ imports: [WebhookModule.forRoot({ redis: { url: REDIS_URL }, sources: sources(), keyPrefix: prefix, queue: { prefix }, workers: false, mount: 'controller' })] })
    class AppModule {}
    const running: RunningApp = await startApp(platform, AppModule, { rawBody: false });
    try {
      const event = stripe(`evt_raw_${platform}`);
      const res = await request(running.url).post('/webhooks/stripe').set(event.headers).send(event.body);
      expect(res.status).toBe(500);
      expect(res.body.error).toBe('raw_body_unavailable');
      expect(running.logs.text()).toContain('NestFactory.create(AppModule, { rawBody: true })');
    } finally {
      await running.close();
      await deleteKeys(prefix);
    }
  });

  it('needs no rawBody when mounted on the server (the default): it reads the bytes itself', async () => {
    const prefix = uniquePrefix('rawbody-server');
    @Module({ imports: [WebhookModule.forRoot({ redis: { url: REDIS_URL }, sources: sources(), keyPrefix: prefix, queue: { prefix }, workers: false })] })
    class AppModule {}
    const running: RunningApp = await startApp(platform, AppModule, { rawBody: false });
    try {
      const event = stripe(`evt_raw_server_${platform}`);
      const res = await request(running.url).post('/webhooks/stripe').set(event.headers).send(event.body);
      expect(res.status).toBe(202);
    } finally {
      await running.close();
      await deleteKeys(prefix);
    }
  });
});
