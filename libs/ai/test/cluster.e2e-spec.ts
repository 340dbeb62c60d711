import Bull from 'bull';
import { Cluster, type Redis } from 'ioredis';
import { Webhook } from 'standardwebhooks';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { createRedisConnection, RedisConfigurationError } from '@aiwire/core';
import { AI_QUEUE_NAME, AiUnavailableError, type AiJob, type AiJobCallbackBody } from '@aiwire/ai';
import { itRefusesTheWrongKindOfRedis } from '../../../test/support/cluster-refusals.js';
import { connectClusterAdmin, startRedisCluster, type RedisClusterHandle } from '../../../test/support/redis-cluster.js';
import { waitFor } from '../../../test/support/wait.js';
import { FAST_RETRY, ask, sandboxProviders, startAi, type AiHarness, type HarnessOptions } from './ai-harness.js';
import { startReceiver } from './callback-receiver.js';

const SECRET = `whsec_${Buffer.from('aiwire-ai-cluster-callback-secret-01').toString('base64')}`;

/** A command some client sent, or one a Lua script ran (`source` 'lua'), as MONITOR shows it on one node. */
interface Seen {
  readonly source: string;
  readonly args: readonly string[];
}

/**
 * Records every command each master runs. On a cluster a script may only touch keys it declares
 * in KEYS (Redis checks only that they are served by the node, so an undeclared key of the same
 * slot would pass unnoticed): `undeclaredKeys` lists, for the scripts whose keys start with
 * `prefix`, every key their commands touched that their EVAL/EVALSHA did not declare. The keys of
 * a command come from Redis itself (COMMAND GETKEYS), so no command slips through unchecked.
 */
async function monitorMasters(admin: Cluster): Promise<{ seen: Seen[][]; stop(): void; undeclaredKeys(prefix: string): Promise<string[]> }> {
  const seen: Seen[][] = [];
  const monitors = await Promise.all(
    admin.nodes('master').map(async (node, i) => {
      seen[i] = [];
      const monitor = await node.monitor();
      monitor.on('monitor', (_time: string, args: string[], source: string) => seen[i]!.push({ source, args }));
      return monitor;
    }),
  );
  return {
    seen,
    stop: () => monitors.forEach((m) => m.disconnect()),
    async undeclaredKeys(prefix: string): Promise<string[]> {
      const problems: string[] = [];
      for (const [i, commands] of seen.entries()) {
        const node = admin.nodes('master')[i] as Redis;
        let declared: string[] | undefined;
        for (const { source, args } of commands) {
          const name = args[0]?.toLowerCase() ?? '';
          if (source !== 'lua') {
            declared = name === 'eval' || name === 'evalsha' ? args.slice(3, 3 + Number(args[2])) : undefined;
            continue;
          }
          if (!declared?.some((k) => k.startsWith(prefix))) continue;
          const keys = (await node.call('COMMAND', 'GETKEYS', ...args).catch(() => [])) as string[];
          for (const key of keys) if (!declared.includes(key)) problems.push(`${args.join(' ')} touches ${key}, declared ${declared.join(' ')}`);
        }
      }
      return problems;
    },
  };
}

/** A real 3-master Redis Cluster, started for this file (test/support/redis-cluster.ts). */
describe('@aiwire/ai on a Redis Cluster of 3 masters', () => {
  let redisCluster: RedisClusterHandle;
  let admin: Cluster;
  let sandbox: Sandbox;
  const harnesses: AiHarness[] = [];
  const onCluster = () => ({ cluster: { nodes: [...redisCluster.nodes] } });
  const upstream = () => sandbox.state.requests.count('openai', 'POST /v1/chat/completions');
  const slot = (key: string) => admin.cluster('KEYSLOT', key) as Promise<number>;
  const boot = async (options: Partial<HarnessOptions>): Promise<AiHarness> => {
    const h = await startAi({ redis: onCluster(), providers: sandboxProviders(sandbox), defaultProvider: 'openai', retry: { ...FAST_RETRY, maxRetries: 0 }, ...options });
    harnesses.push(h);
    return h;
  };
  /** Every key of the cluster that matches `pattern`, from all masters. */
  const keys = async (pattern: string): Promise<string[]> => (await Promise.all(admin.nodes('master').map((n) => n.keys(pattern)))).flat().sort();

  beforeAll(async () => {
    redisCluster = await startRedisCluster(3);
    admin = await connectClusterAdmin(redisCluster);
    sandbox = await startSandbox({ seed: false });
  }, 60_000);
  afterEach(async () => {
    for (const h of harnesses.splice(0)) await h.app.close();
  });
  afterAll(async () => {
    await sandbox?.close();
    admin?.disconnect();
    await redisCluster?.stop();
  });

  it('calls through the shared limiter and the cache under the hash-tagged prefix chosen by default; every script key declared', async () => {
    const audit = await monitorMasters(admin);
    try {
      const h = await boot({ keyPrefix: undefined, jobs: { queuePrefix: undefined, workers: false }, cache: { ttlSeconds: 60 }, limits: { openai: { rpm: 2, tpm: 100_000, maxWaitMs: 300, dailyBudgetUsd: 100 } } });
      const before = upstream();
      const first = await h.ai.chat({ messages: ask('cluster one') });
      const hit = await h.ai.chat({ messages: ask('cluster one') });
      expect(first).toMatchObject({ text: 'Echo: cluster one', cached: false, attempts: 1 });
      expect(hit).toMatchObject({ text: 'Echo: cluster one', cached: true, costUsd: 0 });
      expect(upstream() - before).toBe(1);

      // rpm 2: the second upstream call passes, the third waits maxWaitMs and is given up (no fallback).
      await h.ai.chat({ messages: ask('cluster two') });
      const limited = await h.ai.chat({ messages: ask('cluster three'), fallback: false }).catch((e: unknown) => e);
      expect(limited).toBeInstanceOf(AiUnavailableError);
      expect((limited as AiUnavailableError).failures).toMatchObject([{ provider: 'openai', reason: 'rate_limited' }]);
      expect(upstream() - before).toBe(2);

      // The defaults 'aiwire:ai' and 'aiwire' became '{aiwire}:ai' and '{aiwire}'.
      const cached = await keys('{aiwire}:ai:cache:*');
      expect(cached).toHaveLength(2);
      const buckets = await keys('{aiwire}:ai:rl:*');
      expect(buckets).toEqual(expect.arrayContaining(['{aiwire}:ai:rl:{openai}:rpm', '{aiwire}:ai:rl:{openai}:tpm']));
      const budget = await keys('{aiwire}:ai:budget:openai:*');
      expect(budget).toHaveLength(1);
      const slots = new Set(await Promise.all([...cached, ...buckets, ...budget, '{aiwire}:ai:wait'].map(slot)));
      expect(slots.size).toBe(1);

      await h.app.close();
      harnesses.length = 0;
      expect(await audit.undeclaredKeys('{aiwire}:ai:')).toEqual([]);
      // The audit saw the module's scripts (buckets, budget, lock release), and does flag an undeclared key.
      const scripted = audit.seen.flat().filter((c) => c.source === 'lua').map((c) => c.args[1] ?? '');
      for (const key of ['{aiwire}:ai:rl:{openai}:rpm', budget[0]!, `${cached[0]}:lock`]) expect(scripted).toContain(key);
    } finally {
      audit.stop();
    }
    const probe = await monitorMasters(admin);
    try {
      await admin.eval("redis.call('GET', '{probe}:undeclared') return 1", 1, '{probe}:declared');
      await new Promise((r) => setTimeout(r, 100));
      expect(await probe.undeclaredKeys('{probe}')).toEqual(['GET {probe}:undeclared touches {probe}:undeclared, declared {probe}:declared']);
    } finally {
      probe.stop();
    }
  });

  it('single-flights concurrent identical calls of two app instances (two processes) to one upstream call (given an ioredis Cluster)', async () => {
    const given = new Cluster(redisCluster.nodes.map((url) => ({ host: '127.0.0.1', port: Number(new URL(url).port) })), { lazyConnect: true });
    const options = { keyPrefix: '{flight}:ai', jobs: { queuePrefix: '{flight}', workers: false }, cache: { ttlSeconds: 60 } };
    const one = await boot({ ...options, redis: given });
    const two = await boot(options);
    const before = upstream();
    sandbox.faults.inject('openai', { delayMs: 300 });
    const results = await Promise.all([...Array.from({ length: 20 }, () => one.ai.chat({ messages: ask('stampede on a cluster') })), ...Array.from({ length: 20 }, () => two.ai.chat({ messages: ask('stampede on a cluster') }))]);
    expect(upstream() - before).toBe(1);
    expect(new Set(results.map((r) => r.text))).toEqual(new Set(['Echo: stampede on a cluster']));
    expect(results.filter((r) => !r.cached)).toHaveLength(1);
    expect(given.status).toBe('wait'); // a given client is duplicated, never used itself
  });

  it('keeps the daily budget across calls: past it, the provider is skipped', async () => {
    const h = await boot({ keyPrefix: '{budget}:ai', jobs: { queuePrefix: '{budget}', workers: false }, limits: { openai: { dailyBudgetUsd: 0.000001 } } });
    await h.ai.chat({ messages: ask('spend it') });
    const refused = await h.ai.chat({ messages: ask('spend more'), fallback: false }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AiUnavailableError);
    expect((refused as AiUnavailableError).failures).toMatchObject([{ provider: 'openai', reason: 'budget_exceeded' }]);
    const day = new Date().toISOString().slice(0, 10);
    expect(Number(await admin.get(`{budget}:ai:budget:openai:${day}`))).toBeGreaterThan(0.000001);
  });

  it('runs an async job through the Bull queue and delivers its signed callback (module keys and queue in different slots)', async () => {
    const receiver = await startReceiver([503]);
    try {
      const h = await boot({ keyPrefix: '{jobs}:ai', jobs: { queuePrefix: '{aiq}', callbackSecret: SECRET, callbackAllowHosts: ['127.0.0.1'], callbackBackoffMs: 50 } });
      expect(await slot('{jobs}:ai:job:x')).not.toBe(await slot('{aiq}:ai:wait'));
      const { jobId } = await h.jobs.submit({ messages: ask('queued on a cluster') }, { callbackUrl: receiver.url });
      const job = await waitFor(async () => {
        const j = await h.jobs.get(jobId);
        return j?.callback?.state === 'delivered' ? j : undefined;
      }, 10_000, 'the job and its callback');
      expect(job).toMatchObject<Partial<AiJob>>({ jobId, status: 'completed', result: expect.objectContaining({ text: 'Echo: queued on a cluster' }) as AiJob['result'] });
      expect(job.callback).toMatchObject({ attempts: 2, lastStatus: 200 });
      expect(receiver.received).toHaveLength(2);
      const delivered = receiver.received[1]!;
      const body = new Webhook(SECRET).verify(delivered.body, delivered.headers as Record<string, string>) as AiJobCallbackBody;
      expect(body).toMatchObject({ type: 'ai.job.completed', data: { jobId, status: 'completed' } });
      expect(await admin.exists(`{jobs}:ai:job:${jobId}`)).toBe(1);
      expect(h.logs.text()).toContain('[AiJobsProcessor] AI job');
      expect(h.logs.text()).toContain('[AiOrchestrator] AI job workers started (concurrency 5)');

      // Any Bull client on the cluster finds the queue under the hash-tagged prefix.
      const reader = new Bull(AI_QUEUE_NAME, { prefix: '{aiq}', createClient: () => createRedisConnection(onCluster(), { maxRetriesPerRequest: null, enableReadyCheck: false }) as never });
      try {
        expect(await reader.getJobCounts()).toMatchObject({ active: 0, waiting: 0 });
        expect(Number(await admin.get('{aiq}:ai:id'))).toBeGreaterThanOrEqual(0);
      } finally {
        await reader.close();
      }
    } finally {
      await receiver.close();
    }
  });

  describe('refuses at startup, with RedisConfigurationError saying what to write', () => {
    const refusal = async (options: Partial<HarnessOptions>) => {
      const started = Date.now();
      const error = await boot({ jobs: { workers: false }, ...options }).then(
        () => new Error('expected the startup to fail'),
        (e: unknown) => e,
      );
      return { error: error as RedisConfigurationError, ms: Date.now() - started };
    };

    it('a keyPrefix or jobs.queuePrefix without a hash tag on a cluster', async () => {
      const key = await refusal({ keyPrefix: 'shop:ai', jobs: { queuePrefix: '{shop}', workers: false } });
      expect(key.error).toBeInstanceOf(RedisConfigurationError);
      expect(key.error).toMatchObject({ problem: 'prefix-without-hash-tag' });
      expect(key.error.message).toContain('keyPrefix "shop:ai" has no hash tag');
      expect(key.error.message).toContain('use "{shop}:ai"');

      const queue = await refusal({ keyPrefix: '{shop}:ai', jobs: { queuePrefix: 'shop', workers: false } });
      expect(queue.error).toBeInstanceOf(RedisConfigurationError);
      expect(queue.error.message).toContain('jobs.queuePrefix "shop" has no hash tag');
      expect(queue.error.message).toContain('use "{shop}"');
    });

    itRefusesTheWrongKindOfRedis((redis) => refusal({ redis, keyPrefix: '{single}:ai', jobs: { queuePrefix: '{single}', workers: false } }), () => redisCluster.nodes[0]!);
  });

  // Last: it stops the cluster.
  it('runs calls uncached and unlimited at once while the whole cluster is down, and says so once', async () => {
    const h = await boot({ keyPrefix: '{down}:ai', jobs: { queuePrefix: '{down}', workers: false }, cache: { ttlSeconds: 60 }, limits: { openai: { rpm: 100 } } });
    expect((await h.ai.chat({ messages: ask('before the outage') })).cached).toBe(false);
    await redisCluster.stop();
    const before = upstream();
    for (const text of ['during one', 'during one', 'during two']) {
      const started = Date.now();
      const result = await h.ai.chat({ messages: ask(text) });
      expect(result).toMatchObject({ text: `Echo: ${text}`, cached: false });
      // A command on a Cluster that is not ready fails at once (nothing waits in an offline queue).
      expect(Date.now() - started).toBeLessThan(1_000);
    }
    expect(upstream() - before).toBe(3);
    await new Promise((r) => setTimeout(r, 1_000)); // several reconnect attempts
    const logs = h.logs.text();
    expect(logs.match(/Redis unreachable for the AI module/g)).toHaveLength(1);
    expect(logs.match(/AI cache skipped because Redis failed/g)).toHaveLength(1);
    expect(logs.match(/AI rate limiting skipped because Redis failed/g)).toHaveLength(1);
    // Each line names the class that wrote it.
    expect(logs).toContain('[AiModule] Redis unreachable for the AI module');
    expect(logs).toContain('[AiCache] AI cache skipped');
    expect(logs).toContain('[AttemptRunner] AI rate limiting skipped');
  });
});
