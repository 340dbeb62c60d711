import { createHash } from 'node:crypto';
import request from 'supertest';
import Bull from 'bull';
import { Cluster } from 'ioredis';
import { Injectable, Module, type Type } from '@nestjs/common';
import { createBullClientFactory, RedisConfigurationError, waitForRedisReady, type RedisClient } from '@aiwire/core';
import { OnWebhook, WebhookAdminService, WebhookModule, type WebhookEvent, type WebhookModuleOptions } from '@aiwire/webhooks';
import { signWebhook } from '@aiwire/webhooks/testing';
import { WebhookStore } from '../src/intake/webhook-store.js';
import { buildIntakeScript } from '../src/intake/intake.lua.js';
import { loadBullAddJobScript } from '../src/intake/bull-add-job.js';
import { resolveSources } from '../src/webhook-sources.js';
import { resolveWebhookOptions } from '../src/webhook.options.js';
import { WebhookRegistry } from '../src/webhook.registry.js';
import { startApp, type RunningApp } from '../../../test/support/http-app.js';
import { itRefusesTheWrongKindOfRedis } from '../../../test/support/cluster-refusals.js';
import { connectClusterAdmin, startRedisCluster, type RedisClusterHandle } from '../../../test/support/redis-cluster.js';
import { waitFor } from '../../../test/support/wait.js';
import { SECRETS, hostModule, sources, stripeEvent, type Calls } from './webhook-fixtures.js';

/**
 * Runs before the intake script and checks, at run time, every key it and Bull's addJob inside it
 * touch: each must be in KEYS. Commands it does not know fail the audit too, so a new command in
 * either script cannot slip through unchecked.
 */
const KEY_AUDIT = `
local declared = {}
for _, key in ipairs(KEYS) do declared[key] = true end
local firstArgIsKey = { EXISTS = true, GET = true, SET = true, INCR = true, HMSET = true, LPUSH = true, RPUSH = true,
  ZADD = true, ZCOUNT = true, LLEN = true, LINDEX = true, LINSERT = true }
local noKey = { TIME = true, PUBLISH = true }
local real = redis
local redis = setmetatable({
  call = function(command, ...)
    local name = string.upper(command)
    local key = ...
    if not noKey[name] then
      if not firstArgIsKey[name] then error('audit: ' .. name .. ' is not a command the audit knows') end
      if not declared[key] then error('audit: ' .. name .. ' touches undeclared key ' .. tostring(key)) end
    end
    return real.call(command, ...)
  end,
}, { __index = real })
`;

const stripe = (id: string) => {
  const body = stripeEvent(id);
  return { body: JSON.stringify(body), headers: signWebhook('stripe', SECRETS.stripe, body) };
};
const helpdesk = (id: string, type = 'ticket.created') => {
  const body = { id, event_type: type };
  return { body: JSON.stringify(body), headers: signWebhook('hmac-sha256', SECRETS.helpdesk, body) };
};

/** A real 3-master Redis Cluster, started for this file (test/support/redis-cluster.ts). */
describe('@aiwire/webhooks on a Redis Cluster of 3 masters', () => {
  let redisCluster: RedisClusterHandle;
  let admin: Cluster;
  const onCluster = () => ({ cluster: { nodes: redisCluster.nodes } });
  const apps: RunningApp[] = [];
  const start = async (module: Type<unknown>): Promise<RunningApp> => {
    const running = await startApp('express', module);
    apps.push(running);
    return running;
  };

  beforeAll(async () => {
    redisCluster = await startRedisCluster(3);
    admin = await connectClusterAdmin(redisCluster);
  }, 60_000);
  afterEach(async () => {
    for (const running of apps.splice(0)) await running.close();
  });
  afterAll(async () => {
    admin?.disconnect();
    await redisCluster?.stop();
  });

  const slot = (key: string) => admin.cluster('KEYSLOT', key) as Promise<number>;

  it('accepts a delivery (202) under the hash-tagged prefixes chosen by default, answers its retry 200 duplicate, runs each handler once', async () => {
    const calls: Calls = [];
    const running = await start(hostModule(calls, { redis: onCluster() }));
    const id = 'evt_cluster_accept';
    const event = stripe(id);
    const first = await request(running.url).post('/webhooks/stripe').set(event.headers).send(event.body);
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ status: 'accepted', id });
    const again = await request(running.url).post('/webhooks/stripe').set(event.headers).send(event.body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ status: 'duplicate', id });

    await waitFor(() => calls.length === 2, 10_000, 'both handlers');
    expect(calls.map((c) => c.handler).sort()).toEqual(['audit', 'onPaid']);
    // The defaults 'aiwire:webhooks' and 'aiwire' became '{aiwire}:webhooks' and '{aiwire}': one slot.
    const dedup = `{aiwire}:webhooks:dedup:stripe:${id}`;
    expect(await admin.exists(dedup)).toBe(1);
    expect(await admin.exists('{aiwire}:webhooks:id')).toBe(1);
    expect(await slot(dedup)).toBe(await slot('{aiwire}:webhooks:wait'));
    await new Promise((r) => setTimeout(r, 300));
    expect(calls).toHaveLength(2);
  });

  it('retries a failing handler until it succeeds, dead-letters one that keeps failing and replays it (given an ioredis Cluster)', async () => {
    const attempts: Record<string, number[]> = { flaky: [], broken: [] };
    let brokenFixed = false;
    @Injectable()
    class TicketHandlers {
      @OnWebhook('ticket.created')
      async flaky(event: WebhookEvent): Promise<void> {
        attempts.flaky!.push(event.attempt);
        if (event.attempt === 1) throw new Error('flaky: first attempt fails');
      }

      @OnWebhook('ticket.created')
      async broken(event: WebhookEvent): Promise<void> {
        attempts.broken!.push(event.attempt);
        if (!brokenFixed) throw new Error('broken until fixed');
      }
    }
    const given = new Cluster(redisCluster.nodes.map((url) => ({ host: '127.0.0.1', port: Number(new URL(url).port) })), { lazyConnect: true });
    @Module({
      imports: [WebhookModule.forRoot({ redis: given, sources: sources(), keyPrefix: '{retry}:webhooks', queue: { prefix: '{retry}' }, attempts: 2, backoff: { delayMs: 50, maxDelayMs: 100 } })],
      providers: [TicketHandlers],
    })
    class AppModule {}
    const running = await start(AppModule);
    const adminService = running.app.get(WebhookAdminService);
    const event = helpdesk('tkt_cluster_retry');
    expect((await request(running.url).post('/webhooks/helpdesk').set(event.headers).send(event.body)).status).toBe(202);

    await waitFor(() => attempts.flaky!.length === 2, 10_000, 'flaky to be retried');
    expect(attempts.flaky).toEqual([1, 2]);
    await waitFor(async () => (await adminService.deadLetterCount()) === 1, 10_000, 'broken to be dead-lettered');
    const [dead] = await adminService.deadLetters();
    expect(dead).toMatchObject({ handler: 'TicketHandlers.broken', error: 'broken until fixed', attemptsMade: 2, event: { id: 'tkt_cluster_retry' } });
    expect(attempts.broken).toEqual([1, 2]);
    expect(await admin.exists(`{retry}:webhooks:${dead!.id}`)).toBe(1);

    brokenFixed = true;
    expect(await adminService.replay(dead!.id)).toBe(true);
    await waitFor(() => attempts.broken!.length === 3, 10_000, 'the replay');
    expect(attempts.broken).toEqual([1, 2, 1]); // a replay starts over with all its attempts
    await waitFor(async () => (await adminService.deadLetterCount()) === 0, 5_000, 'the dead letter to go');
    expect(attempts.flaky).toEqual([1, 2]); // replaying one handler never re-runs the others
    expect(given.status).toBe('wait'); // a given client is duplicated, never used itself
  });

  it('the intake script touches only keys it declares in KEYS, all in one slot (audited on the cluster)', async () => {
    const prefix = '{audit}';
    const clients = createBullClientFactory(onCluster());
    const queue = new Bull('webhooks', { prefix, createClient: clients });
    const redis = clients('client') as unknown as RedisClient;
    const lua = KEY_AUDIT + buildIntakeScript(loadBullAddJobScript());
    // The store runs the command it finds defined: here, the audited script.
    redis.defineCommand('aiwireWebhookIntake', { lua });
    const registry = new WebhookRegistry();
    registry.add('Handlers.a', [{ type: '*', options: {} }], async () => undefined);
    registry.add('Handlers.b', [{ type: 'ticket.*', options: {} }], async () => undefined);
    const options = resolveWebhookOptions({ redis: onCluster(), sources: {}, keyPrefix: `${prefix}:webhooks`, queue: { prefix } });
    try {
      await queue.isReady();
      expect(await waitForRedisReady(redis, { timeoutMs: 10_000 })).toBe(true);
      const store = new WebhookStore(redis, queue, options);
      const [source, limited] = ['plain', 'limited'].map((name) =>
        resolveSources({ [name]: { scheme: 'hmac-sha256', secrets: ['s'], ...(name === 'limited' && { rateLimit: { limit: 1, windowSeconds: 60 } }) } }).get(name)!,
      );
      const event = (id: string, type = 'ticket.created') => ({ id, source: 'plain', type, payload: {}, headers: {}, receivedAt: new Date().toISOString() });

      expect(await store.store(source!, event('a1'), registry.match('plain', 'ticket.created'))).toEqual({ kind: 'enqueued' });
      expect(await store.store(source!, event('a1'), registry.match('plain', 'ticket.created'))).toEqual({ kind: 'duplicate' });
      expect(await store.store(source!, event('a2', 'other'), [])).toEqual({ kind: 'no-handlers' });
      expect(await store.store(limited!, event('a3'), registry.match('limited', 'ticket.created'))).toEqual({ kind: 'enqueued' });
      expect(await store.store(limited!, event('a4'), registry.match('limited', 'ticket.created'))).toMatchObject({ kind: 'rate-limited' });
      await queue.pause();
      expect(await store.store(source!, event('a5'), registry.match('plain', 'ticket.created'))).toEqual({ kind: 'enqueued' });
      // Pausing moved the waiting executions of a1 and a3 to the paused list too.
      expect((await admin.lrange(`${prefix}:webhooks:paused`, 0, -1)).sort()).toEqual(
        ['a1', 'a3', 'a5'].flatMap((id) => [`plain:${id}:Handlers.a`, `plain:${id}:Handlers.b`]),
      );

      // What ran was the audited script, and the audit does refuse an undeclared key.
      const sha = createHash('sha1').update(lua).digest('hex');
      const owner = (await Promise.all(admin.nodes('master').map(async (n) => ((await n.script('EXISTS', sha)) as number[])[0]))).filter(Boolean);
      expect(owner).toEqual([1]);
      await expect(admin.eval(`${KEY_AUDIT} return redis.call('GET', '{audit}:undeclared')`, 1, '{audit}:declared')).rejects.toThrow(/undeclared key \{audit\}:undeclared/);
      await expect(admin.eval(`${KEY_AUDIT} return redis.call('DEL', KEYS[1])`, 1, '{audit}:declared')).rejects.toThrow(/DEL is not a command the audit knows/);
    } finally {
      await queue.close();
      await clients.close();
    }
  });

  it('answers 503 within storeTimeoutMs while every node holds commands (CLIENT PAUSE), and 202 again after', async () => {
    const running = await start(hostModule([], { redis: onCluster(), keyPrefix: '{pause}:webhooks', queue: { prefix: '{pause}' }, storeTimeoutMs: 300, workers: false }));
    const before = stripe('evt_cluster_before_pause');
    expect((await request(running.url).post('/webhooks/stripe').set(before.headers).send(before.body)).status).toBe(202);

    const masters = admin.nodes('master');
    expect(masters).toHaveLength(3);
    await Promise.all(masters.map((node) => node.client('PAUSE', 1500, 'ALL')));
    const paused = stripe('evt_cluster_paused');
    const started = Date.now();
    const res = await request(running.url).post('/webhooks/stripe').set(paused.headers).send(paused.body);
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(Date.now() - started).toBeLessThan(1_200);
    expect(running.logs.text()).toContain('no answer within 300 ms');

    let n = 0;
    await waitFor(async () => {
      const after = stripe(`evt_cluster_after_pause_${++n}`);
      return (await request(running.url).post('/webhooks/stripe').set(after.headers).send(after.body)).status === 202;
    }, 10_000, 'the intake after the pause');
    // Redis ran the held command when the pause ended: the sender's retry of the event answered 503
    // is a duplicate. Stored once, never lost.
    const retried = await request(running.url).post('/webhooks/stripe').set(paused.headers).send(paused.body);
    expect(retried.body).toEqual({ status: 'duplicate', id: 'evt_cluster_paused' });
  });

  describe('refuses at startup, with RedisConfigurationError saying what to write', () => {
    const refusal = async (options: Partial<WebhookModuleOptions>) => {
      const started = Date.now();
      const error = await start(hostModule([], { workers: false, ...options })).then(
        () => new Error('expected the startup to fail'),
        (e: unknown) => e,
      );
      return { error: error as RedisConfigurationError, ms: Date.now() - started };
    };

    it('a keyPrefix or queue.prefix without a hash tag on a cluster', async () => {
      const untagged = await refusal({ redis: onCluster(), keyPrefix: 'shop:webhooks' });
      expect(untagged.error).toBeInstanceOf(RedisConfigurationError);
      expect(untagged.error).toMatchObject({ problem: 'prefix-without-hash-tag' });
      expect(untagged.error.message).toContain('keyPrefix "shop:webhooks" has no hash tag');
      expect(untagged.error.message).toContain('use "{shop}:webhooks"');

      const queue = await refusal({ redis: onCluster(), keyPrefix: '{shop}:webhooks', queue: { prefix: 'shop' } });
      expect(queue.error).toMatchObject({ problem: 'prefix-without-hash-tag', message: expect.stringContaining('queue.prefix "shop" has no hash tag') });
    });

    it('a keyPrefix and queue.prefix with different hash tags (the intake script writes under both at once)', async () => {
      const { error } = await refusal({ redis: onCluster(), keyPrefix: '{a}:webhooks', queue: { prefix: '{b}' } });
      expect(error).toBeInstanceOf(RedisConfigurationError);
      expect(error.message).toContain('keyPrefix "{a}:webhooks", queue.prefix "{b}"');
    });

    itRefusesTheWrongKindOfRedis((redis) => refusal({ redis }), () => redisCluster.nodes[0]!);
  });

  // Last: it stops the cluster.
  it('answers 503 at once when the whole cluster is down, and logs the outage once', async () => {
    const running = await start(hostModule([], { redis: onCluster(), keyPrefix: '{down}:webhooks', queue: { prefix: '{down}' }, storeTimeoutMs: 500, workers: false }));
    const up = stripe('evt_cluster_up');
    expect((await request(running.url).post('/webhooks/stripe').set(up.headers).send(up.body)).status).toBe(202);
    await redisCluster.stop();

    await waitFor(() => running.logs.text().includes('Redis unreachable'), 5_000, 'the outage to be noticed');
    for (const id of ['evt_cluster_down_1', 'evt_cluster_down_2', 'evt_cluster_down_3']) {
      const down = stripe(id);
      const started = Date.now();
      const res = await request(running.url).post('/webhooks/stripe').set(down.headers).send(down.body);
      expect(res.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(500);
    }
    await new Promise((r) => setTimeout(r, 1_000)); // several reconnect attempts
    expect(running.logs.text().match(/Redis unreachable/g)).toHaveLength(1);
  });
});
