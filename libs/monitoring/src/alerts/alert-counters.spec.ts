import { Redis } from 'ioredis';
import { createChannel } from '@aiwire/core';
import { startPrivateRedis } from '../../../../test/support/redis.js';
import { waitFor } from '../../../../test/support/wait.js';
import { AlertCounters, NANO_USD } from './alert-counters.js';
import { resolveAlertRules } from './alert-rules.js';
import { AlertStore } from './alert-store.js';
import { windowBuckets } from './alert-window.js';

const intake = createChannel<object>('aiwire:webhook:intake');
const aiRequest = createChannel<object>('aiwire:ai:request');
const refused = (outcome: string, status: number, source = 'stripe') => intake.publish({ source, status, outcome, eventId: undefined, durationMs: 1 });
const aiCall = (costUsd: number) => aiRequest.publish({ provider: 'openai', outcome: 'success', cached: false, attempts: 1, latencyMs: 5, costUsd, fallbacks: 0, attributes: {} });

describe('AlertCounters', () => {
  const rules = resolveAlertRules([
    { name: 'forged', when: { metric: 'webhook_rejected', reason: 'signature', source: 'stripe', over: '1m', above: 1 } },
    { name: 'spend', when: { aiCostUsd: { per: '1m', above: 1 } } },
    { name: 'dead-letters', when: { deadLetters: { above: 0 } } },
  ]);
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  let client: Redis;
  let store: AlertStore;
  let counters: AlertCounters;
  const sums = () => {
    const now = Date.now();
    return store.sums(counters.windowRules().map((r) => ({ key: store.countsKey(r.name, r.fingerprint), ...windowBuckets(now, r.windowMs, r.bucketMs) })));
  };

  beforeEach(async () => {
    redis = await startPrivateRedis();
    client = new Redis(redis.url, { maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => 50 });
    client.on('error', () => undefined);
    await waitFor(() => client.status === 'ready');
    store = new AlertStore(client, 'counters-test');
    counters = new AlertCounters(rules, store);
    counters.start();
  });
  afterEach(async () => {
    counters.stop();
    client.disconnect();
    await redis.stop();
  });

  it("counts what each window rule watches, and only that, from the channels' messages", async () => {
    refused('invalid_signature', 401);
    refused('invalid_signature', 401);
    refused('invalid_signature', 401, 'github');
    refused('forbidden', 403);
    intake.publish({ source: 'stripe', status: 202, outcome: 'accepted', eventId: 'e', durationMs: 1 });
    aiCall(0.25);
    aiCall(0.000_001_5);
    aiCall(0);
    await counters.flush();
    expect(counters.windowRules().map((r) => r.name)).toEqual(['forged', 'spend']);
    expect(await sums()).toEqual([2, 0.25 * NANO_USD + 1_500]);
  });

  it('keeps the counts Redis could not take and writes them with the next flush', async () => {
    refused('invalid_signature', 401);
    await redis.stop();
    refused('invalid_signature', 401);
    aiCall(1);
    await expect(counters.flush()).rejects.toThrow();
    await expect(counters.flush()).rejects.toThrow();
    redis = await startPrivateRedis(redis.port);
    await waitFor(() => client.status === 'ready', 5_000, 'the client to reconnect');
    await counters.flush();
    expect(await sums()).toEqual([2, NANO_USD]);
  });

  it('stops counting once stopped', async () => {
    counters.stop();
    refused('invalid_signature', 401);
    await counters.flush();
    expect(await sums()).toEqual([0, 0]);
  });
});
