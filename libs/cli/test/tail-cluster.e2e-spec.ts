import { Module } from '@nestjs/common';
import { createChannel } from '@aiwire/core';
import { MonitoringModule } from '@aiwire/monitoring';
import { startApp, type RunningApp } from '../../../test/support/http-app.js';
import { startRedisCluster, type RedisClusterHandle } from '../../../test/support/redis-cluster.js';
import { waitFor } from '../../../test/support/wait.js';
import { buildCli, cli, startCli } from './fixtures/ops-cli.js';

const intake = createChannel<unknown>('aiwire:webhook:intake');

describe('aiwire tail and doctor on a Redis Cluster', () => {
  let cluster: RedisClusterHandle;
  let app: RunningApp;

  beforeAll(async () => {
    buildCli();
    cluster = await startRedisCluster(3);
    // The default keyPrefix: `{aiwire}:monitoring` on a cluster.
    @Module({ imports: [MonitoringModule.forRoot({ redis: { cluster: { nodes: [...cluster.nodes] } } })] })
    class ClusterAppModule {}
    app = await startApp('express', ClusterAppModule);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await cluster?.stop();
  });

  it('tails through any node: the app counts subscribers on every node, the CLI takes the hash-tagged prefix', async () => {
    // One node after another: PUBSUB NUMSUB is per node, so a single-node count would miss most of them.
    for (const node of cluster.nodes) {
      const tail = startCli(['tail'], { REDIS_URL: node });
      try {
        await waitFor(() => tail.stderr().includes('tailing'), 10_000, 'the tail to subscribe');
        expect(tail.stderr()).toBe(`tailing {aiwire}:monitoring:tail on ${node}; Ctrl+C to stop\n`);
        await waitFor(() => intake.hasSubscribers, 3_000, `the app to notice the tail on ${node}`);
        intake.publish({ source: 'shop', status: 202, outcome: 'accepted', eventId: `evt_${node}`, type: 'order.created', durationMs: 1.5 });
        await waitFor(() => /\bwebhook\s+shop\s+order\.created\s+accepted 202\s+1\.5 ms/.test(tail.stdout()), 5_000, 'the line');
        tail.process.kill('SIGINT');
        expect(await tail.closed).toBe(0);
        await waitFor(() => !intake.hasSubscribers, 3_000, 'the app to stop publishing');
      } finally {
        tail.process.kill('SIGKILL');
      }
    }
  });

  it('doctor reports the cluster', async () => {
    const result = await cli(['doctor', '--json'], { REDIS_URL: cluster.nodes[0]! });
    const report = JSON.parse(result.stdout) as { checks: Array<{ check: string; status: string; detail: string }> };
    expect(report.checks.find((c) => c.check === 'mode')).toEqual({ check: 'mode', status: 'ok', detail: 'cluster, state ok, 3 nodes known' });
    expect(result.code).toBe(0);
  });
});
