import Bull from 'bull';
import type { Redis } from 'ioredis';
import { createBullClientFactory, waitForRedisReady } from '@aiwire/core';
import { WebhookStore } from './webhook-store.js';
import { bullAddJobKeys, bullQueueToken, loadBullAddJobScript } from './bull-add-job.js';
import { WebhookConfigurationError } from '../errors/webhook-configuration.error.js';
import { JITTER_BACKOFF } from '../webhook.constants.js';
import { resolveSources } from '../webhook-sources.js';
import { resolveWebhookOptions } from '../webhook.options.js';
import { WebhookRegistry } from '../webhook.registry.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../../test/support/redis.js';
import type { StoredWebhookEvent } from '../interfaces/webhook-event.interface.js';

describe("loadBullAddJobScript (the installed Bull's)", () => {
  it('reads the six-key addJob Lua', () => {
    expect(loadBullAddJobScript()).toContain('rcall("HMSET", jobIdKey');
  });

  it('refuses, saying what to install, a Bull without it or with another script there', () => {
    expect(() => loadBullAddJobScript('bull/lib/scripts/addJob-7.js')).toThrow(WebhookConfigurationError);
    expect(() => loadBullAddJobScript('bull/lib/scripts/addJob-7.js')).toThrow("could not load (Cannot find module 'bull/lib/scripts/addJob-7.js'). Install a supported Bull: npm i bull@^4.16.");
    expect(() => loadBullAddJobScript('bull/lib/scripts/addLog-2.js')).toThrow("bull/lib/scripts/addLog-2.js is not Bull's six-key addJob script");
  });
});

describe('WebhookStore writes exactly the jobs Bull writes (real Redis, real Bull)', () => {
  const prefix = uniquePrefix('store');
  const clients = createBullClientFactory({ url: REDIS_URL });
  const queue = new Bull('webhooks', { prefix, createClient: clients });
  const redis = clients('client') as unknown as Redis;
  const source = resolveSources({ helpdesk: { scheme: 'hmac-sha256', secrets: ['s'] } }).get('helpdesk')!;
  const registry = new WebhookRegistry();
  registry.add('Handlers.a', [{ type: '*', options: { attempts: 3, backoff: { delayMs: 7 } } }], async () => undefined);
  registry.add('Handlers.b', [{ type: 'ticket.*', options: {} }], async () => undefined);
  let store: WebhookStore;
  let n = 0;
  const event = (): StoredWebhookEvent => ({
    id: `e${++n}`, source: 'helpdesk', type: 'ticket.created', payload: { id: n, text: 'ünïcode ✓' }, headers: { 'content-type': 'application/json' }, receivedAt: new Date().toISOString(),
  });

  beforeAll(async () => {
    await queue.isReady();
    expect(await waitForRedisReady(redis, { timeoutMs: 10_000 })).toBe(true);
    store = new WebhookStore(redis, queue, resolveWebhookOptions({ redis: { url: REDIS_URL }, sources: {}, keyPrefix: prefix, attempts: 4 }));
  });
  afterAll(async () => {
    await queue.close();
    await clients.close();
    await deleteKeys(prefix);
  });

  it('stores each execution as the hash and wait-list entry queue.add() makes, less `delay: 0` in its opts', async () => {
    const stored = event();
    const matches = registry.match('helpdesk', stored.type);
    expect(await store.store(source, stored, matches)).toEqual({ kind: 'enqueued' });
    for (const match of matches) {
      const id = `helpdesk:${stored.id}:${match.handler.id}`;
      const viaBull = `${id}:via-bull`;
      await queue.add({ event: stored, handler: match.handler.id }, { ...store.jobOptions(viaBull, match) });
      const ours = await redis.hgetall(queue.toKey(id));
      const theirs = await redis.hgetall(queue.toKey(viaBull));
      const opts = (hash: Record<string, string>) => ({ ...JSON.parse(hash['opts']!), jobId: undefined, timestamp: undefined });
      // Bull writes `delay: 0` into opts; the intake leaves it out, and Bull reads it back as 0.
      expect(JSON.parse(ours['opts']!)).not.toHaveProperty('delay');
      expect(opts(ours)).toEqual({ ...opts(theirs), delay: undefined });
      expect({ ...ours, opts: undefined, timestamp: undefined }).toEqual({ ...theirs, opts: undefined, timestamp: undefined });
      const job = await queue.getJob(id);
      const viaBullJob = await queue.getJob(viaBull);
      expect({ ...job?.opts, jobId: undefined, timestamp: undefined }).toEqual({ ...viaBullJob?.opts, jobId: undefined, timestamp: undefined });
      expect([ours['delay'], job?.opts.delay]).toEqual(['0', 0]);
      expect(job?.data).toEqual({ event: stored, handler: match.handler.id });
      expect(await job?.getState()).toBe('waiting');
    }
    expect(JSON.parse((await redis.hgetall(queue.toKey(`helpdesk:${stored.id}:Handlers.a`)))['opts']!)).toMatchObject({ attempts: 3, backoff: { options: { delayMs: 7 } } });
    expect(JSON.parse((await redis.hgetall(queue.toKey(`helpdesk:${stored.id}:Handlers.b`)))['opts']!)).toMatchObject({ attempts: 4 });
  });

  it('writes a backoff option only when the handler sets it: the rest is the module’s, in the queue’s strategy', async () => {
    const stored = event();
    expect(await store.store(source, stored, registry.match('helpdesk', stored.type))).toEqual({ kind: 'enqueued' });
    const backoffOf = async (handler: string): Promise<unknown> => JSON.parse((await redis.hgetall(queue.toKey(`helpdesk:${stored.id}:${handler}`)))['opts']!).backoff;
    expect(await backoffOf('Handlers.a')).toEqual({ type: JITTER_BACKOFF, options: { delayMs: 7 } });
    expect(await backoffOf('Handlers.b')).toEqual({ type: JITTER_BACKOFF });
  });

  it('writes opts that Bull reads back, whatever their length and characters (packed in the script)', async () => {
    for (const id of ['s', `ünïcode-✓-${'é'.repeat(120)}`, 'x'.repeat(256)]) {
      const stored = { ...event(), id };
      expect(await store.store(source, stored, registry.match('helpdesk', stored.type))).toEqual({ kind: 'enqueued' });
      const jobId = `helpdesk:${id}:Handlers.a`;
      const job = await queue.getJob(jobId);
      expect(job?.opts).toMatchObject({ jobId, attempts: 3, backoff: { options: { delayMs: 7 } }, removeOnComplete: true });
      expect(job?.data).toEqual({ event: stored, handler: 'Handlers.a' });
    }
  });

  it('answers duplicate for an id it holds, queued or only remembered, and adds nothing', async () => {
    const stored = event();
    const matches = registry.match('helpdesk', stored.type);
    await store.store(source, stored, matches);
    const waiting = await queue.getWaitingCount();
    expect(await store.store(source, stored, matches)).toEqual({ kind: 'duplicate' });
    await redis.del(store.dedupKey('helpdesk', stored.id));
    expect(await store.store(source, stored, matches)).toEqual({ kind: 'duplicate' });
    expect(await queue.getWaitingCount()).toBe(waiting);
  });

  it('answers unstorable for a payload JSON cannot write, writes nothing, and never blames Redis', async () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    const tooDeep: unknown = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    for (const payload of [tooDeep, cyclic, { amount: 10n }]) {
      const stored = { ...event(), payload };
      const outcome = await store.store(source, stored, registry.match('helpdesk', stored.type));
      expect(outcome).toMatchObject({ kind: 'unstorable', reason: expect.stringMatching(/call stack|circular|BigInt/) });
      expect(await redis.exists(store.dedupKey('helpdesk', stored.id))).toBe(0);
      expect(await redis.exists(queue.toKey(`helpdesk:${stored.id}:Handlers.a`))).toBe(0);
    }
  });

  it("refuses a call whose KEYS are not the job hashes it writes (every key it touches is declared), writing nothing", async () => {
    // The store defined the script as a command of its client when it was built.
    const intake = (redis as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)['aiwireWebhookIntake']!.bind(redis);
    const fixed = [store.dedupKey('helpdesk', 'k1'), `${prefix}:rate:helpdesk`, ...bullAddJobKeys(queue)];
    const argv = [0, 0, 60_000, queue.toKey(''), bullQueueToken(queue), Date.now(), '__default__', 'helpdesk:k1:Handlers.a', '{}', '{"attempts":1}'];
    const refusal = 'KEYS[9..] must be the job hash of each execution';
    await expect(intake(9, ...fixed, queue.toKey('helpdesk:k1:other'), ...argv)).rejects.toThrow(refusal);
    await expect(intake(8, ...fixed, ...argv)).rejects.toThrow(refusal);
    await expect(intake(10, ...fixed, queue.toKey('helpdesk:k1:Handlers.a'), queue.toKey('extra'), ...argv)).rejects.toThrow(refusal);
    expect(await redis.exists(store.dedupKey('helpdesk', 'k1'), queue.toKey('helpdesk:k1:Handlers.a'))).toBe(0);
    expect(await intake(9, ...fixed, queue.toKey('helpdesk:k1:Handlers.a'), ...argv)).toEqual([0, 0]);
  });

  it('puts the executions in the paused list while the queue is paused', async () => {
    await queue.pause();
    try {
      const stored = event();
      await store.store(source, stored, registry.match('helpdesk', stored.type));
      const paused = await redis.lrange(queue.toKey('paused'), 0, -1);
      expect(paused).toContain(`helpdesk:${stored.id}:Handlers.a`);
    } finally {
      await queue.resume();
    }
  });
});
