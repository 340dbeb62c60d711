import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Cluster } from 'ioredis';
import { Module } from '@nestjs/common';
import { WebhookModule } from '@aiwire/webhooks';
import { signWebhook } from '@aiwire/webhooks/testing';
import { MonitoringModule } from '@aiwire/monitoring';
import { startApp, type RunningApp } from '../../../test/support/http-app.js';
import { connectClusterAdmin, startRedisCluster, type RedisClusterHandle } from '../../../test/support/redis-cluster.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { startAlertReceiver, type AlertReceiver } from './alert-receiver.js';

describe('alerts on a Redis Cluster', () => {
  let cluster: RedisClusterHandle;
  let admin: Cluster;
  let receiver: AlertReceiver;
  const apps: RunningApp[] = [];
  const webhooksPrefix = uniquePrefix('alerts-cluster');
  const tag = `{alerts-${randomUUID().slice(0, 8)}}`;

  beforeAll(async () => {
    cluster = await startRedisCluster(3);
    admin = await connectClusterAdmin(cluster);
    receiver = await startAlertReceiver();
  }, 60_000);
  afterAll(async () => {
    for (const app of apps) await app.close();
    await receiver?.close();
    admin?.disconnect();
    await cluster?.stop();
    await deleteKeys(webhooksPrefix);
  });

  it('counts, moves and notifies with every key of a call in one slot (two instances, one notification per state)', async () => {
    @Module({
      imports: [
        WebhookModule.forRoot({ redis: { url: REDIS_URL }, sources: { stripe: { scheme: 'stripe', secrets: ['whsec_cluster_e2e'] } }, keyPrefix: webhooksPrefix, queue: { prefix: webhooksPrefix }, workers: false }),
        MonitoringModule.forRoot({
          redis: { cluster: { nodes: [...cluster.nodes] } },
          keyPrefix: `${tag}:monitoring`,
          alerts: {
            channel: { kind: 'webhook', url: receiver.url, secret: `whsec_${Buffer.from('cluster-alerts-key').toString('base64')}`, allowPrivateNetwork: true },
            rules: [
              { name: 'forged', when: { metric: 'webhook_rejected', reason: 'signature', source: 'stripe', over: '2s', above: 2 } },
              { name: 'any-refusal', when: { metric: 'webhook_rejected', over: '2s', above: 100 } },
            ],
            evaluateEvery: '200ms',
          },
        }),
      ],
    })
    class AppModule {}
    apps.push(await startApp('express', AppModule), await startApp('fastify', AppModule));

    for (let i = 0; i < 4; i++) {
      const body = { id: `evt_${i}`, object: 'event', type: 'invoice.paid', data: { object: {} } };
      const res = await request(apps[i % 2]!.url).post('/webhooks/stripe').set(signWebhook('stripe', 'whsec_forged', body)).send(JSON.stringify(body));
      expect(res.status).toBe(401);
    }
    await waitFor(() => receiver.received.length >= 2, 10_000, `firing and resolve:\n${apps.map((a) => a.logs.text()).join('\n')}`);
    await new Promise((r) => setTimeout(r, 800));
    expect(receiver.received.map((r) => (JSON.parse(r.body) as { type: string; data: { rule: string; value: number } }).type)).toEqual(['alert.firing', 'alert.resolved']);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ data: { rule: 'forged', value: 4 } });
    expect(apps.map((a) => a.logs.text()).join('\n')).not.toMatch(/CROSSSLOT|could not be evaluated/);
    const keys = await Promise.all(admin.nodes('master').map((node) => node.keys(`${tag}*`)));
    expect(keys.flat()).toContain(`${tag}:monitoring:alerts:state:forged`);
    expect(keys.filter((k) => k.length > 0)).toHaveLength(1); // every alerts key on one node: one slot
  }, 60_000);
});
