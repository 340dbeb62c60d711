import type { Redis } from 'ioredis';
import { createBullClientFactory, waitForRedisReady } from '@aiwire/core';
import { WebhookStore } from './intake/webhook-store.js';
import { resolveSources } from './webhook-sources.js';
import { resolveWebhookOptions } from './webhook.options.js';
import { createQueue } from './webhook.providers.js';
import { WebhookRegistry } from './webhook.registry.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';

describe("createQueue's backoff strategy on the jobs the intake writes (real Redis, real Bull)", () => {
  const prefix = uniquePrefix('providers');
  const clients = createBullClientFactory({ url: REDIS_URL });
  const redis = clients('client') as unknown as Redis;
  // The module's backoff: a minute, capped at two.
  const options = resolveWebhookOptions({ redis: { url: REDIS_URL }, sources: {}, keyPrefix: prefix, queue: { prefix }, backoff: { delayMs: 60_000, maxDelayMs: 120_000 } });
  const queue = createQueue(options, clients, redis);
  const source = resolveSources({ helpdesk: { scheme: 'hmac-sha256', secrets: ['s'] } }).get('helpdesk')!;
  const registry = new WebhookRegistry();
  // One handler caps the delay itself, the other sets nothing: both jobs carry the strategy's name only, or their own cap.
  registry.add('Handlers.capped', [{ type: '*', options: { backoff: { maxDelayMs: 40 } } }], async () => undefined);
  registry.add('Handlers.plain', [{ type: '*', options: {} }], async () => undefined);

  beforeAll(async () => {
    expect(await waitForRedisReady(redis, { timeoutMs: 10_000 })).toBe(true);
    await queue.isReady();
  });
  afterAll(async () => {
    await queue.close();
    await clients.close();
    await deleteKeys(prefix);
  });

  it("plans a retry with the module's backoff where the handler sets none, and with the handler's own where it does", async () => {
    const store = new WebhookStore(redis, queue, options);
    const ids = Array.from({ length: 8 }, (_, i) => `e${i}`);
    for (const id of ids) {
      const event = { id, source: 'helpdesk', type: 'ticket.created', payload: {}, headers: {}, receivedAt: new Date().toISOString() };
      expect(await store.store(source, event, registry.match('helpdesk', event.type))).toEqual({ kind: 'enqueued' });
    }
    // Each job fails its first attempt only. Bull emits 'failed' once the retry is in the delayed
    // set, its score being Bull's clock at the move plus the delay; read at once, before a short
    // delay can promote it, and measured from the emit (after Bull's clock): never more than the
    // delay, whatever the machine's load. Nothing depends on several retries pending at once.
    const planned = new Map<string, number>();
    queue.on('failed', (job) => {
      const jobId = String(job.id);
      if (job.attemptsMade !== 1) return;
      const reportedAt = Date.now();
      // No score: Bull retried it at once (a delay of 0), or its few ms were already over.
      void redis.zscore(queue.toKey('delayed'), jobId).then((score) => planned.set(jobId, score === null ? 0 : Math.floor(Number(score) / 0x1000) - reportedAt));
    });
    void queue.process(10, async (job) => {
      if (job.attemptsMade === 0) throw new Error('fails once, to be retried');
    });
    const delays = (handler: string): number[] => ids.map((id) => planned.get(`helpdesk:${id}:${handler}`)!);
    await waitFor(() => planned.size === ids.length * 2, 10_000, `every first retry planned (${planned.size} of ${ids.length * 2})`);
    const capped = delays('Handlers.capped');
    const plain = delays('Handlers.plain');
    // The handler's cap, over the module's minute: within [0, 40] ms.
    for (const delay of capped) expect(delay).toBeLessThanOrEqual(40);
    // The module's minute, jittered over [0, 60 s]: not Bull's immediate retry, nor the handler's cap.
    for (const delay of plain) expect(delay).toBeLessThanOrEqual(60_000);
    expect(Math.max(...plain)).toBeGreaterThan(1_000);
    expect(new Set(plain.map((d) => Math.round(d / 100))).size).toBeGreaterThan(1);
  });
});
