import { Module, type ExistingProvider, type ValueProvider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test, type TestingModule } from '@nestjs/testing';
import Bull from 'bull';
import { REDIS_URL, deleteKeys, startPrivateRedis, uniquePrefix } from '../../../../test/support/redis.js';
import { waitFor } from '../../../../test/support/wait.js';
import { QueueCountsError } from '../errors/queue-counts.error.js';
import { BullQueues } from './bull-queues.js';

describe('BullQueues', () => {
  const prefix = uniquePrefix('bull-queues');
  const opened: Bull.Queue[] = [];
  const queue = (name: string, queuePrefix = prefix, url = REDIS_URL): Bull.Queue => {
    const q = new Bull(name, url, { prefix: queuePrefix });
    opened.push(q);
    return q;
  };
  let moduleRef: TestingModule | undefined;

  async function discover(providers: Array<ValueProvider | ExistingProvider>): Promise<BullQueues> {
    // Queues in a module of their own: discovery looks through every module of the app.
    @Module({ providers, exports: providers.map((p) => p.provide as string) })
    class HostQueues {}
    moduleRef = await Test.createTestingModule({ imports: [DiscoveryModule, HostQueues], providers: [BullQueues] }).compile();
    await moduleRef.init();
    return moduleRef.get(BullQueues);
  }

  afterEach(async () => {
    await moduleRef?.close();
    moduleRef = undefined;
    await Promise.all(opened.splice(0).map((q) => q.close()));
  });
  afterAll(() => deleteKeys(prefix));

  it('finds every Bull queue among the providers, once each, skipping aliases and other values', async () => {
    const webhooks = queue('webhooks');
    const reports = queue('reports');
    const queues = await discover([
      { provide: 'WEBHOOKS', useValue: webhooks },
      { provide: 'BULL_QUEUE_webhooks', useExisting: 'WEBHOOKS' },
      { provide: 'REPORTS', useValue: reports },
      { provide: 'REPORTS_AGAIN', useValue: reports },
      { provide: 'NOT_A_QUEUE', useValue: { name: 'impostor', getJobCounts: 'no' } },
    ]);
    expect(queues.all().map((q) => q.name).sort()).toEqual(['reports', 'webhooks']);
    expect(queues.get('reports')).toBe(reports);
    expect(queues.get('impostor')).toBeUndefined();
  });

  it('counts waiting, active, delayed, failed and paused jobs per queue, and the webhooks queue failed jobs as dead letters', async () => {
    const webhooks = queue('webhooks');
    const reports = queue('reports');
    await reports.add({ n: 1 });
    await reports.add({ n: 2 });
    await reports.add({ n: 3 }, { delay: 60_000 });
    // A dead letter, made as the webhooks worker makes one: its last attempt threw.
    void webhooks.process(async () => {
      throw new Error('handler threw');
    });
    await webhooks.add({ n: 4 }, { attempts: 1 });
    await waitFor(async () => (await webhooks.getFailedCount()) === 1, 5_000, 'a failed job');
    const queues = await discover([{ provide: 'W', useValue: webhooks }, { provide: 'R', useValue: reports }]);
    const counts = await queues.counts();
    expect(counts.sort((a, b) => a.queue.localeCompare(b.queue))).toEqual([
      { queue: 'reports', waiting: 2, active: 0, delayed: 1, failed: 0, paused: 0 },
      { queue: 'webhooks', waiting: 0, active: 0, delayed: 0, failed: 1, paused: 0 },
    ]);
    expect(await queues.deadLetters()).toBe(1);
    await reports.pause();
    expect((await queues.counts()).find((c) => c.queue === 'reports')).toMatchObject({ waiting: 0, paused: 2 });
  });

  it('has no dead letters without a webhooks queue', async () => {
    const queues = await discover([{ provide: 'R', useValue: queue('reports') }]);
    expect(await queues.deadLetters()).toBe(0);
  });

  it('warns once about two different queues of one name and keeps the first', async () => {
    const first = queue('reports');
    const second = queue('reports', `${prefix}-b`);
    const warnings: string[] = [];
    @Module({ providers: [{ provide: 'A', useValue: first }, { provide: 'B', useValue: second }] })
    class Two {}
    moduleRef = await Test.createTestingModule({ imports: [DiscoveryModule, Two], providers: [BullQueues] })
      .setLogger({ log: () => undefined, error: () => undefined, warn: (m: string) => warnings.push(m) })
      .compile();
    const queues = moduleRef.get(BullQueues);
    expect(queues.all()).toEqual([first]);
    expect(queues.all()).toEqual([first]);
    expect(warnings).toEqual([expect.stringMatching(/Two Bull queues are named "reports" \(keys ".*:reports:" and ".*-b:reports:"\); monitoring reports the first/)]);
  });

  it('rejects with QueueCountsError within the timeout while Redis is away', async () => {
    const redis = await startPrivateRedis();
    try {
      const reports = queue('reports', prefix, redis.url);
      await reports.isReady();
      const queues = await discover([{ provide: 'R', useValue: reports }]);
      expect(await queues.counts()).toEqual([{ queue: 'reports', waiting: 0, active: 0, delayed: 0, failed: 0, paused: 0 }]);
      await redis.stop();
      const started = Date.now();
      const error = await queues.counts(300).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QueueCountsError);
      expect(error).toMatchObject({ queue: 'reports', message: expect.stringMatching(/^The jobs of queue "reports" could not be counted.*; check that its Redis answers$/) });
      expect(Date.now() - started).toBeLessThan(1_000);
      // Back on the same port: counted again.
      const again = await startPrivateRedis(redis.port);
      try {
        await new Promise((r) => setTimeout(r, 500));
        await expect(queues.counts(2_000)).resolves.toHaveLength(1);
      } finally {
        await moduleRef?.close();
        moduleRef = undefined;
        await Promise.all(opened.splice(0).map((q) => q.close()));
        await again.stop();
      }
    } finally {
      await redis.stop();
    }
  });
});
