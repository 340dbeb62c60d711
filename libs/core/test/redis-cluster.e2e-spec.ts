import { randomUUID } from 'node:crypto';
import Bull from 'bull';
import { Redis, type Cluster } from 'ioredis';
import { startRedisCluster, type RedisClusterHandle } from '../../../test/support/redis-cluster.js';
import {
  createBullClientFactory,
  createRedisConnection,
  isClusterClient,
  RedisConfigurationError,
  RedisLock,
  RedisScript,
  RedisTokenBucket,
  resolveKeyPrefix,
  waitForRedisReady,
} from '../src/index.js';

/** A real 3-master Redis Cluster, started for this file (test/support/redis-cluster.ts). */
describe('on a Redis Cluster of 3 masters', () => {
  let redisCluster: RedisClusterHandle;
  let cluster: Cluster;
  const config = () => ({ cluster: { nodes: redisCluster.nodes } });

  beforeAll(async () => {
    redisCluster = await startRedisCluster(3);
    cluster = createRedisConnection(config()) as Cluster;
    expect(await waitForRedisReady(cluster, { timeoutMs: 10_000 })).toBe(true);
  }, 60_000);
  afterAll(async () => {
    await cluster?.quit();
    await redisCluster?.stop();
  });

  /** Which master holds `key` (host:port), asked of the cluster itself. */
  async function ownerOf(key: string): Promise<string> {
    const slot = (await cluster.cluster('KEYSLOT', key)) as number;
    const ranges = await cluster.cluster('SLOTS');
    const [, , [host, port]] = ranges.find(([from, to]) => slot >= from && slot <= to)!;
    return `${host}:${port}`;
  }

  it('connects from a node list, spreads keys over every master, and finds all masters from one node', async () => {
    expect(isClusterClient(cluster)).toBe(true);
    const keys = Array.from({ length: 30 }, (_, i) => `spread-${i}`);
    await Promise.all(keys.map((key, i) => cluster.set(key, String(i))));
    expect(await Promise.all(keys.map((key) => cluster.get(key)))).toEqual(keys.map((_, i) => String(i)));
    expect(new Set(await Promise.all(keys.map(ownerOf))).size).toBe(3);

    const fromOne = createRedisConnection({ cluster: { nodes: [redisCluster.nodes[0]!] } }) as Cluster;
    expect(await waitForRedisReady(fromOne, { timeoutMs: 5_000 })).toBe(true);
    expect(fromOne.nodes('master')).toHaveLength(3);
    expect(await fromOne.get('spread-29')).toBe('29');
    await fromOne.quit();
  });

  it('refuses single-Redis options that name one node of the cluster (MOVED on the other nodes)', async () => {
    const single = createRedisConnection({ url: redisCluster.nodes[0] });
    const error = await waitForRedisReady(single).catch((e: unknown) => e);
    await single.quit();
    expect(error).toBeInstanceOf(RedisConfigurationError);
    expect((error as RedisConfigurationError).problem).toBe('cluster-as-standalone');
    expect((error as Error).message).toContain(`{ cluster: { nodes: ['redis://127.0.0.1:`);
  });

  it('runs a Lua script on hash-tagged keys: EVALSHA on the node of the first key, EVAL on NOSCRIPT', async () => {
    const tag = `{script-${randomUUID()}}`;
    const script = new RedisScript(`-- ${randomUUID()}\nredis.call('SET', KEYS[1], ARGV[1]); redis.call('SET', KEYS[2], ARGV[1]); return redis.call('MGET', KEYS[1], KEYS[2])`);
    expect(await script.run(cluster, [`${tag}:a`, `${tag}:b`], ['x'])).toEqual(['x', 'x']); // NOSCRIPT, then EVAL
    expect(await script.run(cluster, [`${tag}:a`, `${tag}:b`], ['y'])).toEqual(['y', 'y']); // EVALSHA
    const owner = await ownerOf(`${tag}:a`);
    const node = cluster.nodes('master').find((n) => `${n.options.host}:${n.options.port}` === owner)!;
    expect(await node.script('EXISTS', script.sha)).toEqual([1]);
  });

  it('gets CROSSSLOT from Redis for a script whose keys do not share a hash tag (why prefixes need one)', async () => {
    const script = new RedisScript(`return redis.call('MGET', KEYS[1], KEYS[2])`);
    const [a, b] = ['untagged-a', 'untagged-b'];
    // Two slots (even on one master) are enough for the cluster to refuse.
    expect(await cluster.cluster('KEYSLOT', a)).not.toBe(await cluster.cluster('KEYSLOT', b));
    await expect(script.run(cluster, [a, b], [])).rejects.toThrow(/CROSSSLOT/);
  });

  describe('Bull through createBullClientFactory', () => {
    it('adds, retries after a delay and completes a job under the hash-tagged prefix resolveKeyPrefix chooses', async () => {
      const connection = config();
      const prefix = resolveKeyPrefix(connection, undefined, `aiwire-${randomUUID().slice(0, 8)}`, 'queue prefix');
      expect(prefix).toMatch(/^\{aiwire-[0-9a-f]{8}\}$/);
      const factory = createBullClientFactory(connection);
      const queue = new Bull('jobs', { createClient: factory, prefix });
      const result = new Promise((resolve, reject) => {
        queue.on('completed', (_job, value) => resolve(value));
        queue.on('failed', (job, error) => job.attemptsMade >= 2 && reject(error)); // the first failure is retried
      });
      // The first attempt fails: the retry goes through Bull's delayed set and its pub/sub on the cluster.
      void queue.process(async (job) => {
        if (job.attemptsMade === 0) throw new Error('first attempt fails');
        return { doubled: (job.data as { n: number }).n * 2, attempt: job.attemptsMade + 1 };
      });
      const job = await queue.add({ n: 21 }, { attempts: 2, backoff: { type: 'fixed', delay: 100 } });
      expect(await result).toEqual({ doubled: 42, attempt: 2 });
      expect(await cluster.exists(`${prefix}:jobs:${String(job.id)}`)).toBe(1);

      const connections = queue as unknown as { client: Cluster; eclient: Cluster; bclient: Cluster };
      expect([connections.client, connections.eclient, connections.bclient].every(isClusterClient)).toBe(true);
      expect(connections.bclient.options.redisOptions).toMatchObject({ maxRetriesPerRequest: null, enableReadyCheck: false });
      await queue.close();
      await factory.close();
      // Every node connection is gone and none comes back. (A Cluster's own status may read 'close'
      // after 'end': ioredis sets it again when its emptied pool drains.)
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const c of [connections.client, connections.eclient, connections.bclient]) {
        expect(c.nodes()).toHaveLength(0);
        expect(['end', 'close']).toContain(c.status);
      }
    });

    it('fails with CROSSSLOT under a prefix without a hash tag (what resolveKeyPrefix refuses)', async () => {
      const prefix = `aiwire-${randomUUID().slice(0, 8)}`;
      expect(() => resolveKeyPrefix(config(), prefix, 'aiwire', 'queue prefix')).toThrow(`use "{${prefix}}"`);
      const factory = createBullClientFactory(config());
      const queue = new Bull('jobs', { createClient: factory, prefix });
      await expect(queue.add({ n: 1 })).rejects.toThrow(/CROSSSLOT/);
      await queue.close();
      await factory.close();
    });
  });

  describe('RedisTokenBucket and RedisLock through their public API', () => {
    // Their constructors are typed for one Redis; at runtime they only send SET / EVALSHA, which a Cluster routes by key.
    const asRedis = (c: Cluster) => c as unknown as Redis;

    it('token buckets charge, refuse, adjust and tighten hash-tagged keys atomically', async () => {
      const buckets = new RedisTokenBucket(asRedis(cluster));
      const tag = `{limits-${randomUUID()}}`;
      const rpm = { key: `${tag}:rpm`, capacity: 2, refillPerSecond: 0.001, cost: 1 };
      const tpm = { key: `${tag}:tpm`, capacity: 100, refillPerSecond: 0.001, cost: 60 };
      expect(await buckets.take([rpm, tpm])).toEqual({ granted: true, waitMs: 0 });
      const refused = await buckets.take([rpm, tpm]); // tpm has 40 left: neither is charged
      expect(refused.granted).toBe(false);
      expect(refused.waitMs).toBeGreaterThan(0);
      expect(await buckets.take([rpm])).toEqual({ granted: true, waitMs: 0 }); // rpm was left at 1
      expect(await buckets.adjust(tpm.key, tpm, 50)).toBeCloseTo(90, 0);
      expect(await buckets.tighten(tpm.key, tpm, 10, Date.now() + 60_000)).toBeLessThanOrEqual(10);
      await expect(buckets.acquire([rpm], { maxWaitMs: 10 })).rejects.toThrow(/needs a wait/);
    });

    it('a call over buckets without one hash tag is refused by the cluster (CROSSSLOT)', async () => {
      const buckets = new RedisTokenBucket(asRedis(cluster));
      const [a, b] = [`untagged-a`, `untagged-b`];
      const spec = { capacity: 5, refillPerSecond: 1, cost: 1 };
      await expect(buckets.take([{ key: a, ...spec }, { key: b, ...spec }])).rejects.toThrow(/CROSSSLOT/);
    });

    it('locks exclude each other, extend and release only for their holder', async () => {
      const lock = new RedisLock(asRedis(cluster));
      const other = createRedisConnection(config()) as Cluster;
      const otherLock = new RedisLock(asRedis(other));
      const key = `{lock-${randomUUID()}}:refresh`;
      const token = await lock.tryAcquire(key, 5_000);
      expect(token).toBeDefined();
      expect(await otherLock.tryAcquire(key, 5_000)).toBeUndefined();
      expect(await otherLock.release(key, 'not-the-token')).toBe(false);
      expect(await lock.extend(key, token!, 20_000)).toBe(true);
      expect(await cluster.pttl(key)).toBeGreaterThan(10_000);
      expect(await lock.release(key, token!)).toBe(true);
      const order: string[] = [];
      await Promise.all([
        lock.withLock(key, 5_000, async () => (order.push('a+'), await new Promise((r) => setTimeout(r, 50)), order.push('a-'))),
        otherLock.withLock(key, 5_000, async () => (order.push('b+'), await new Promise((r) => setTimeout(r, 50)), order.push('b-'))),
      ]);
      expect(order.join(',')).toMatch(/^(a\+,a-,b\+,b-|b\+,b-,a\+,a-)$/);
      await other.quit();
    });
  });
});
