import type { Cluster } from 'ioredis';
import { RateLimitTimeoutError, createRedisConnection, toHashTaggedPrefix, waitForRedisReady } from '@aiwire/core';
import { startRedisCluster, type RedisClusterHandle } from '../../../../test/support/redis-cluster.js';
import { uniquePrefix } from '../../../../test/support/redis.js';
import { waitFor } from '../../../../test/support/wait.js';
import { AiRateLimiter } from './ai-rate-limiter.js';
import { LEASE_MIN_CALLS } from './call-credit.js';

/** The limiter's scripts on a real 3-master Redis Cluster (test/support/redis-cluster.ts). */
describe('AiRateLimiter on a Redis Cluster of 3 masters', () => {
  let handle: RedisClusterHandle;
  let cluster: Cluster;
  const slotOf = async (key: string): Promise<number> => Number(await cluster.nodes('master')[0]!.cluster('KEYSLOT', key));
  /** Every key on every master that starts with `prefix`, and the slots they are in. */
  async function keysUnder(prefix: string): Promise<{ keys: string[]; slots: Set<number> }> {
    const keys = (await Promise.all(cluster.nodes('master').map((node) => node.keys(`${prefix}*`)))).flat().sort();
    return { keys, slots: new Set(await Promise.all(keys.map(slotOf))) };
  }

  beforeAll(async () => {
    handle = await startRedisCluster(3);
    cluster = createRedisConnection({ cluster: { nodes: handle.nodes } }) as Cluster;
    expect(await waitForRedisReady(cluster, { timeoutMs: 10_000 })).toBe(true);
  }, 60_000);
  afterAll(async () => {
    cluster.disconnect();
    await handle.stop();
  });

  it('reserves, settles and tightens with every key of a call in the hash-tagged prefix’s slot', async () => {
    const prefix = toHashTaggedPrefix(uniquePrefix('ai-rl'));
    const limiter = new AiRateLimiter(cluster, { p: { rpm: 600, tpm: 60_000 } }, prefix, 1000);
    const level = async (kind: 'rpm' | 'tpm'): Promise<number> => Number(await cluster.hget(`${prefix}:rl:{p}:${kind}`, 'tokens'));
    // B (1000 tokens) is answered while A (3000) is still on its way to the provider.
    const { reservation: b } = await limiter.reserve('p', 1000, 1000);
    const { reservation: a } = await limiter.reserve('p', 3000, 1000);
    expect(await cluster.zcard(`${prefix}:rl:{p}:calls`)).toBe(2);
    // The provider counted B and 5000 tokens of another app; its count lacks A's 3000.
    await limiter.settle(b, 1000, { tokens: { remaining: 54_000, resetAtMs: Date.now() + 6000 }, requests: { remaining: 599, resetAtMs: Date.now() + 100 } });
    expect(await level('tpm')).toBeGreaterThanOrEqual(51_000 - 5);
    expect(await level('tpm')).toBeLessThanOrEqual(51_000 + 5);
    await limiter.settle(a, 500, undefined);
    await limiter.drain();
    expect(await cluster.zcard(`${prefix}:rl:{p}:calls`)).toBe(0);
    const { keys, slots } = await keysUnder(prefix);
    // (The set of calls in flight is empty, so Redis deleted it.)
    expect(keys).toEqual([`${prefix}:rl:{p}:refunds`, `${prefix}:rl:{p}:rpm`, `${prefix}:rl:{p}:tpm`]);
    expect(slots).toEqual(new Set([await slotOf(prefix)]));
  });

  it('with a prefix without hash tag, each provider’s keys share the provider’s slot, on whichever node owns it', async () => {
    const prefix = uniquePrefix('ai-rl');
    // Their hash tags' slots (CRC16 mod 16384: 10228, 2869, 14483) fall to the three masters.
    const providers = ['openai', 'groq', 'azure'];
    const limiter = new AiRateLimiter(cluster, Object.fromEntries(providers.map((p) => [p, { rpm: 600, tpm: 60_000 }])), prefix, 1000);
    for (const provider of providers) {
      const { reservation } = await limiter.reserve(provider, 1000, 1000);
      void limiter.settle(reservation, 100, { tokens: { remaining: 59_900, resetAtMs: Date.now() + 100 } });
    }
    await limiter.drain();
    const { keys } = await keysUnder(prefix);
    expect(keys).toHaveLength(providers.length * 3);
    for (const provider of providers) {
      const own = keys.filter((k) => k.includes(`{${provider}}`));
      expect(own).toHaveLength(3);
      expect(new Set(await Promise.all(own.map(slotOf))).size).toBe(1);
    }
    // The test spans the three masters.
    const perNode = await Promise.all(cluster.nodes('master').map((node) => node.keys(`${prefix}*`)));
    const owners = providers.map((p) => perNode.findIndex((nodeKeys) => nodeKeys.some((k) => k.includes(`{${p}}`))));
    expect(new Set(owners).size).toBe(3);
  });

  it('leases calls on the cluster too: the lease, the logs of the calls it pays and its close stay in the prefix’s slot', async () => {
    const prefix = toHashTaggedPrefix(uniquePrefix('ai-rl'));
    const limiter = new AiRateLimiter(cluster, { p: { rpm: 600, tpm: 600_000 } }, prefix, 1000);
    const calls = `${prefix}:rl:{p}:calls`;
    for (let i = 0; i < LEASE_MIN_CALLS; i++) void limiter.settle((await limiter.reserve('p', 1000, 1000)).reservation, 100, undefined);
    const lease = await waitFor(async () => (await cluster.zrange(calls, '0', '-1')).find((m) => /:L\d+:/.test(m)), 2000, 'a lease');
    // Paid from the lease: logged in flight with its lease still out.
    const { reservation } = await limiter.reserve('p', 1000, 1000);
    await waitFor(async () => (await cluster.zscore(calls, reservation.id)) !== null, 2000, 'the call logged');
    expect(await cluster.zscore(calls, lease)).not.toBeNull();
    void limiter.settle(reservation, 100, undefined);
    await limiter.drain();
    expect(await cluster.zcard(calls)).toBe(0);
    const { keys, slots } = await keysUnder(prefix);
    expect(keys).toEqual([`${prefix}:rl:{p}:refunds`, `${prefix}:rl:{p}:rpm`, `${prefix}:rl:{p}:tpm`]);
    expect(slots).toEqual(new Set([await slotOf(prefix)]));
  });

  it('a settle the caller did not wait for is run before its next reservation on the cluster too', async () => {
    const prefix = toHashTaggedPrefix(uniquePrefix('ai-rl'));
    // 6 a minute: without the report 5 remain; with it the next call is 10 s away.
    const limiter = new AiRateLimiter(cluster, { p: { rpm: 6 } }, prefix, 1000);
    const { reservation } = await limiter.reserve('p', 10, 1000);
    void limiter.settle(reservation, 10, { requests: { remaining: 0, resetAtMs: Date.now() + 60_000 } });
    await expect(limiter.reserve('p', 10, 300)).rejects.toBeInstanceOf(RateLimitTimeoutError);
    await limiter.drain();
  });
});
