import request from 'supertest';
import { Redis } from 'ioredis';
import { Injectable, Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { OnWebhook, WebhookAdminService, WebhookModule, type WebhookEvent, type WebhookModuleOptions } from '@aiwire/webhooks';
import { signWebhook } from '@aiwire/webhooks/testing';
import { startApp, type RunningApp } from '../../../test/support/http-app.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { PLATFORM_MOUNTS, SECRETS, sources, useIntakeApp, type Mount } from './webhook-fixtures.js';

/** Handlers that record every event, and one that always fails at once (a dead letter). */
function hostileModule(seen: WebhookEvent[], options: Partial<WebhookModuleOptions> & { mount: Mount }) {
  @Injectable()
  class Handlers {
    @OnWebhook('*')
    async record(event: WebhookEvent) {
      seen.push(event);
    }

    @OnWebhook('ticket.doomed', { attempts: 1 })
    @OnWebhook('issues.doomed', { attempts: 1 })
    async doomed() {
      throw new Error('doomed on purpose');
    }
  }

  const { mount, ...rest } = options;
  @Module({
    imports: [WebhookModule.forRoot({ redis: { url: REDIS_URL }, sources: sources(), backoff: { delayMs: 5 }, ...rest, mount })],
    providers: [Handlers],
  })
  class AppModule {}
  return AppModule;
}

/** `[[[…[]…]]]` nested `levels` deep, under `data` of a helpdesk event: `levels + 1` levels in all. */
function nested(id: string, levels: number): string {
  return `{"id":"${id}","event_type":"ticket.created","data":${'['.repeat(levels)}${']'.repeat(levels)}}`;
}

describe.each(PLATFORM_MOUNTS)('hostile but signed deliveries on %s, mount %s', (platform, mount) => {
  const seen: WebhookEvent[] = [];
  const app = useIntakeApp('hostile', platform, mount, (prefix) =>
    hostileModule(seen, {
      mount,
      keyPrefix: prefix,
      queue: { prefix },
      sources: sources({
        tenant: { scheme: 'hmac-sha256', secrets: [SECRETS.helpdesk], storeHeaders: ['X-Tenant'] },
        shallow: { scheme: 'hmac-sha256', secrets: [SECRETS.helpdesk], maxJsonDepth: 3 },
      }),
    }),
  );
  const { prefix, nextId } = app;

  const post = (source: string, raw: string, headers: Record<string, string>) => request(app.running.url).post(`/webhooks/${source}`).set(headers).send(raw);
  const stored = async (source: string, id: string) => (await app.redis.exists(`${prefix}:dedup:${source}:${id}`)) === 1;

  describe('event id and type are capped at 256 characters (GitHub and Shopify do not sign those headers)', () => {
    const shopify = (options: { id: string; type?: string }) => {
      const raw = JSON.stringify({ id: 1, note: 'x' });
      return post('shopify', raw, signWebhook('shopify', SECRETS.shopify, raw, options));
    };

    it('answers 400 event_id_too_long and stores nothing', async () => {
      const id = `${nextId()}_`.padEnd(257, 'x');
      const res = await shopify({ id });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ status: 'error', error: 'event_id_too_long', message: 'Event id exceeds 256 characters' });
      expect(await stored('shopify', id)).toBe(false);
    });

    it('answers 400 event_type_too_long to a 15,000-character topic, at once, and stores nothing', async () => {
      const id = nextId();
      const started = performance.now();
      const res = await shopify({ id, type: `${'*/'.repeat(7_500)}` });
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ status: 'error', error: 'event_type_too_long', message: 'Event type exceeds 256 characters' });
      expect(await stored('shopify', id)).toBe(false);
    });

    it('takes exactly 256 characters', async () => {
      const id = `${nextId()}_`.padEnd(256, 'x');
      const res = await shopify({ id, type: 'orders/'.padEnd(256, 'x') });
      expect(res.status).toBe(202);
      expect(await stored('shopify', id)).toBe(true);
    });
  });

  describe('a body nested too deeply to store is a 422 the sender can read, never a 503', () => {
    it('answers 422 too_deeply_nested to 100,000 nested arrays and stores nothing', async () => {
      const id = nextId();
      const raw = nested(id, 100_000);
      const res = await post('helpdesk', raw, signWebhook('hmac-sha256', SECRETS.helpdesk, raw));
      expect(res.status).toBe(422);
      expect(res.body).toEqual({ status: 'error', error: 'too_deeply_nested', message: 'JSON nests deeper than 64 levels' });
      expect(await stored('helpdesk', id)).toBe(false);
      expect(app.running.logs.text()).not.toContain('Redis did not store the event');
    });

    it('takes 64 levels, refuses 65, and honours a source’s own maxJsonDepth', async () => {
      const deepest = nextId();
      const ok = nested(deepest, 63);
      expect((await post('helpdesk', ok, signWebhook('hmac-sha256', SECRETS.helpdesk, ok))).status).toBe(202);
      const over = nested(nextId(), 64);
      expect((await post('helpdesk', over, signWebhook('hmac-sha256', SECRETS.helpdesk, over))).status).toBe(422);
      const shallow = nested(nextId(), 3);
      const res = await post('shallow', shallow, signWebhook('hmac-sha256', SECRETS.helpdesk, shallow));
      expect(res.status).toBe(422);
      expect(res.body.message).toBe('JSON nests deeper than 3 levels');
      await waitFor(() => seen.some((e) => e.id === deepest), 10_000, 'the 64-level event');
    });
  });

  it('stores headers by allowlist: no credential nor signature reaches a Bull job or a dead letter', async () => {
    const credentials = {
      authorization: 'Bearer tok_hostile_never_stored',
      'proxy-authorization': 'Basic cHJveHlfbmV2ZXJfc3RvcmVk',
      cookie: 'session=cookie_hostile_never_stored',
      'x-api-key': 'key_hostile_never_stored',
      'x-auth-token': 'auth_token_hostile_never_stored',
      'x-gitlab-token': 'gitlab_token_hostile_never_stored',
      'x-access-token': 'access_token_hostile_never_stored',
      'x-secret': 'secret_hostile_never_stored',
    };
    const ticket = JSON.stringify({ id: nextId(), event_type: 'ticket.doomed' });
    const ticketHeaders: Record<string, string> = { ...signWebhook('hmac-sha256', SECRETS.helpdesk, ticket), ...credentials, 'x-tenant': 'acme', 'user-agent': 'helpdesk/2' };
    const issue = JSON.stringify({ action: 'doomed', issue: { number: 1 } });
    const issueHeaders: Record<string, string> = { ...signWebhook('github', SECRETS.github, issue, { type: 'issues', id: nextId() }), ...credentials };
    const a = await post('tenant', ticket, ticketHeaders);
    const b = await post('github', issue, issueHeaders);
    expect([a.status, b.status]).toEqual([202, 202]);

    const admin = app.running.app.get(WebhookAdminService);
    const dead = await waitFor(async () => {
      const letters = (await admin.deadLetters()).filter((d) => d.event.id === a.body.id || d.event.id === b.body.id);
      return letters.length === 2 && letters;
    }, 10_000, 'two dead letters');
    const byId = (id: string) => dead.find((d) => d.event.id === id)!.event.headers;
    expect(Object.keys(byId(a.body.id as string)).sort()).toEqual(['content-type', 'user-agent', 'x-tenant']);
    expect(byId(a.body.id as string)['x-tenant']).toBe('acme');
    expect(Object.keys(byId(b.body.id as string)).sort()).toEqual([
      'content-type', 'user-agent', 'x-github-delivery', 'x-github-event', 'x-github-hook-id',
      'x-github-hook-installation-target-id', 'x-github-hook-installation-target-type',
    ]);
    // What handlers received, and everything under the test's Redis prefix: no credential, no signature.
    await waitFor(() => [a.body.id, b.body.id].every((id) => seen.some((e) => e.id === id)), 10_000, 'handlers');
    const received = JSON.stringify(seen.filter((e) => e.id === a.body.id || e.id === b.body.id).map((e) => e.headers));
    const everything = [received, await redisText(app.redis, prefix)].join('\n');
    const signatures = [ticketHeaders['x-signature'], issueHeaders['x-hub-signature-256'], issueHeaders['x-hub-signature']];
    for (const value of [...Object.values(credentials), ...signatures, SECRETS.helpdesk, SECRETS.github]) {
      expect(value).toBeDefined();
      expect(everything).not.toContain(value);
    }
    expect(everything).not.toMatch(/authorization|cookie|x-api-key|x-auth-token|x-gitlab-token|x-hub-signature|x-signature/i);
  });
});

describe('a parsed body that cannot be written for storage (express, mount controller)', () => {
  const prefix = uniquePrefix('hostile-unstorable');
  let running: RunningApp;
  let redis: Redis;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL);
    // An app middleware that puts a BigInt into the body Express parsed: JSON cannot write it.
    @Module({ imports: [hostileModule([], { mount: 'controller', keyPrefix: prefix, queue: { prefix }, workers: false })] })
    class AppModule implements NestModule {
      configure(consumer: MiddlewareConsumer) {
        consumer.apply((req: { body?: Record<string, unknown> }, _res: unknown, next: () => void) => {
          if (req.body && typeof req.body === 'object') req.body['amount'] = 10n;
          next();
        }).forRoutes('*');
      }
    }
    running = await startApp('express', AppModule);
  });
  afterAll(async () => {
    await running?.close();
    await deleteKeys(prefix);
    redis.disconnect();
  });

  it('answers 422 unstorable_payload and logs why — not 503, which the sender would retry for days', async () => {
    const id = `evt_unstorable_${Date.now()}`;
    const raw = JSON.stringify({ id, event_type: 'ticket.created' });
    const res = await request(running.url).post('/webhooks/helpdesk').set(signWebhook('hmac-sha256', SECRETS.helpdesk, raw)).send(raw);
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ status: 'error', error: 'unstorable_payload', message: 'Event payload cannot be stored; see the server log' });
    expect(running.logs.text()).toContain('Webhook for "helpdesk" answered 422: its payload cannot be written for storage (Do not know how to serialize a BigInt)');
    expect(running.logs.text()).not.toContain('Redis did not store the event');
    expect(await redis.exists(`${prefix}:dedup:helpdesk:${id}`)).toBe(0);
  });
});

/** Every string value held under `prefix`, whatever the key type. */
async function redisText(redis: Redis, prefix: string): Promise<string> {
  const texts: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', '1000');
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      if (type === 'string') texts.push((await redis.get(key)) ?? '');
      else if (type === 'hash') texts.push(JSON.stringify(await redis.hgetall(key)));
      else if (type === 'list') texts.push(JSON.stringify(await redis.lrange(key, 0, -1)));
      else if (type === 'zset') texts.push(JSON.stringify(await redis.zrange(key, '0', '-1')));
      else if (type === 'set') texts.push(JSON.stringify(await redis.smembers(key)));
    }
  } while (cursor !== '0');
  return texts.join('\n');
}
