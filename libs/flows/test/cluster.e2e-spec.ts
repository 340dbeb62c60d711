import type { Cluster } from 'ioredis';
import { Injectable } from '@nestjs/common';
import type { RedisConnectionConfig } from '@aiwire/core';
import { Flow, type FlowContext } from '@aiwire/flows';
import { itRefusesTheWrongKindOfRedis } from '../../../test/support/cluster-refusals.js';
import { connectClusterAdmin, startRedisCluster, type RedisClusterHandle } from '../../../test/support/redis-cluster.js';
import { uniquePrefix } from '../../../test/support/redis.js';
import { startFlows, waitForStatus, type FlowsApp } from './flows-harness.js';

const calls: Record<string, number> = {};
const count = (name: string) => (calls[name] = (calls[name] ?? 0) + 1);

@Injectable()
class ClusterFlows {
  @Flow('full', { concurrency: { key: (input) => input.customerId, limit: 1 }, cancelOn: { event: 'order.cancelled', match: 'orderId' }, attempts: 2 })
  async full(flow: FlowContext<{ customerId: string; orderId: string; fail?: boolean }>) {
    await flow.step('a', () => count(`a:${flow.runId}`));
    const [b, c] = await flow.parallel([() => flow.step('b', () => 'b'), () => flow.step('c', () => 'c')]);
    await flow.sleep('nap', '50ms');
    const reply = await flow.waitForEvent<{ ok: boolean }>('reply', { event: 'order.replied', match: 'orderId', timeout: '1h' });
    await flow.step('end', () => {
      count(`end:${flow.runId}`);
      if (flow.input.fail && (calls[`end:${flow.runId}`] ?? 0) <= 2) throw new Error('end failed');
    });
    return { b, c, reply };
  }
}

/** A real 3-master Redis Cluster, started for this file (test/support/redis-cluster.ts). */
describe('@aiwire/flows on a Redis Cluster of 3 masters', () => {
  let redisCluster: RedisClusterHandle;
  let admin: Cluster;
  let app: FlowsApp;
  const tag = uniquePrefix('flows-cluster');
  const onCluster = (): RedisConnectionConfig => ({ cluster: { nodes: redisCluster.nodes } });

  beforeAll(async () => {
    redisCluster = await startRedisCluster(3);
    admin = await connectClusterAdmin(redisCluster);
    app = await startFlows([ClusterFlows], tag, { redis: onCluster(), queue: { prefix: `{${tag}}` }, backoff: { delayMs: 5, maxDelayMs: 10 } });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    admin?.disconnect();
    await redisCluster?.stop();
  });

  it('runs steps, parallel steps, sleeps, waits, concurrency keys, cancelOn, retries and replay, each run on its own slot', async () => {
    const ids: string[] = [];
    // One after the other: a concurrency key admits in start order.
    for (const [i, orderId] of ['o1', 'o2', 'o3', 'o4'].entries()) ids.push(await app.flows.start('full', { customerId: `c${i % 2}`, orderId, fail: orderId === 'o3' }));
    const [o1, o2, o3, o4] = ids as [string, string, string, string];
    for (const id of [o1, o2]) await waitForStatus(app.flows, id, 'waiting');
    // o3 and o4 share keys with o1 and o2: queued behind them.
    expect((await app.flows.get(o3))?.status).toBe('queued');
    expect(await app.flows.emit('order.replied', { orderId: 'o1', ok: true })).toMatchObject({ resumed: [o1] });
    expect(await app.flows.emit('order.cancelled', { orderId: 'o2' })).toMatchObject({ cancelled: [o2] });
    expect((await waitForStatus(app.flows, o1, 'completed')).output).toEqual({ b: 'b', c: 'c', reply: { orderId: 'o1', ok: true } });
    for (const id of [o3, o4]) await waitForStatus(app.flows, id, 'waiting');
    await app.flows.emit('order.replied', { orderId: 'o3', ok: true });
    await app.flows.emit('order.replied', { orderId: 'o4', ok: false });
    expect((await waitForStatus(app.flows, o3, 'failed')).error).toEqual({ name: 'Error', message: 'end failed', step: 'end' });
    await waitForStatus(app.flows, o4, 'completed');
    await app.flows.replay(o3);
    await waitForStatus(app.flows, o3, 'completed');
    expect([calls[`a:${o3}`], calls[`end:${o3}`]]).toEqual([1, 3]);
    expect((await app.flows.list({ flow: 'full' })).total).toBe(4);

    const slots = new Set<number>();
    for (const id of ids) slots.add((await admin.cluster('KEYSLOT', `${tag}:run:{${id}}`)) as number);
    expect(slots.size).toBeGreaterThan(1);
  });

  itRefusesTheWrongKindOfRedis(
    async (redis) => {
      const started = Date.now();
      const error = await startFlows([ClusterFlows], tag, { redis, queue: { prefix: `{${tag}}` } }).then(
        async (unexpected) => {
          await unexpected.close();
          throw new Error('the app started');
        },
        (refusal: unknown) => refusal,
      );
      return { error: error as never, ms: Date.now() - started };
    },
    () => redisCluster.nodes[0]!,
  );
});
