import { ConsoleLogger, Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { createChannel } from '@aiwire/core';
import { CapturingLogger } from '../../../../test/support/capturing-logger.js';
import { startPrivateRedis } from '../../../../test/support/redis.js';
import { waitFor } from '../../../../test/support/wait.js';
import { startAlertReceiver, type AlertReceiver } from '../../test/alert-receiver.js';
import { AlertCounters } from './alert-counters.js';
import { AlertDeliveries } from './alert-deliveries.js';
import { AlertEvaluator } from './alert-evaluator.js';
import { resolveAlertRules } from './alert-rules.js';
import { AlertStore } from './alert-store.js';
import { WebhookAlertSender } from './channels/webhook-alert.sender.js';

const intake = createChannel<object>('aiwire:webhook:intake');
const forged = () => intake.publish({ source: 'stripe', status: 401, outcome: 'invalid_signature', eventId: undefined, durationMs: 1 });

describe('AlertEvaluator while Redis goes away and comes back', () => {
  const rules = resolveAlertRules([{ name: 'forged', when: { metric: 'webhook_rejected', reason: 'signature', over: '1m', above: 1 } }]);
  const logs = new CapturingLogger();
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  let client: Redis;
  let receiver: AlertReceiver;
  let counters: AlertCounters;
  let deliveries: AlertDeliveries;
  let evaluator: AlertEvaluator;

  beforeEach(async () => {
    Logger.overrideLogger(logs);
    redis = await startPrivateRedis();
    receiver = await startAlertReceiver();
    client = new Redis(redis.url, { maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => 50 });
    client.on('error', () => undefined);
    await waitFor(() => client.status === 'ready');
    const store = new AlertStore(client, 'evaluator-test');
    counters = new AlertCounters(rules, store);
    deliveries = new AlertDeliveries(store, new WebhookAlertSender({ url: receiver.url, secret: 'whsec_ZXZhbHVhdG9y', allowPrivateNetwork: true }), { attempts: 3, baseDelayMs: 10, maxDelayMs: 50, timeoutMs: 1_000 });
    const noDeadLetterRule = { deadLetters: () => Promise.reject(new Error('these rules count no dead letters')) };
    evaluator = new AlertEvaluator(rules, counters, store, deliveries, noDeadLetterRule);
    counters.start();
  });
  afterEach(async () => {
    counters.stop();
    await deliveries.stop();
    client.disconnect();
    await redis.stop();
    await receiver.close();
    Logger.overrideLogger(new ConsoleLogger());
  });

  it('says once that it cannot evaluate, keeps the counts, and fires once Redis is back', async () => {
    await redis.stop();
    forged();
    forged();
    await evaluator.evaluate();
    await evaluator.evaluate();
    const warnings = logs.lines.filter((l) => l.context === 'AlertEvaluator');
    expect(warnings).toEqual([expect.objectContaining({ level: 'warn', message: expect.stringMatching(/^Alert rules could not be evaluated \(.+\); retrying every tick, notifications wait until Redis answers$/) })]);

    redis = await startPrivateRedis(redis.port);
    await waitFor(() => client.status === 'ready', 5_000, 'the client to reconnect');
    await evaluator.evaluate();
    expect(logs.lines.filter((l) => l.context === 'AlertEvaluator').at(-1)).toMatchObject({ level: 'log', message: 'Alert rules are evaluated again' });
    await waitFor(() => receiver.received.length === 1, 5_000, 'the firing');
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ type: 'alert.firing', data: { rule: 'forged', value: 2 } });
  });
});
