import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { Redis } from 'ioredis';
import { Webhook } from 'standardwebhooks';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { signWebhook } from '@aiwire/webhooks/testing';
import type { MonitoringAlertsOptions } from '@aiwire/monitoring';
import { PLATFORMS } from '../../../test/support/http-app.js';
import { compileFixture, startChild, type ChildApp } from '../../../test/support/processes.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { startAlertReceiver, type AlertReceiver, type ReceivedAlert } from './alert-receiver.js';

const STRIPE_SECRET = 'whsec_alerts_fixture_secret';
const ALERT_SECRET = `whsec_${Buffer.from('alerts-e2e-signing-key-32-bytes!!').toString('base64')}`;
/** 12 refusals in all (6 per process) against a threshold of 10: neither process alone passes it. */
const RULE = { name: 'webhook-401s', when: { metric: 'webhook_rejected', reason: 'signature', over: '4s', above: 10 } } as const;
const FAST = { evaluateEvery: '200ms', retry: { attempts: 5, baseDelayMs: 200, maxDelayMs: 1_000, timeoutMs: 1_000 } } as const;

/** Host app processes on one Redis prefix, each with the given alerts. */
class Deployment {
  readonly prefix = uniquePrefix('alerts');
  readonly children: ChildApp[] = [];
  private readonly redis = new Redis(REDIS_URL);

  constructor(private readonly script: string, private readonly env: Record<string, string>) {}

  /** Starts one more process; resolves to its URL once it listens. */
  async start(name: string): Promise<string> {
    const child = startChild(this.script, { REDIS_URL, PREFIX: this.prefix, NAME: name, STRIPE_SECRET, ...this.env });
    this.children.push(child);
    const line = await waitFor(async () => (await this.redis.lrange(`${this.prefix}:processes`, 0, -1)).find((l) => l.startsWith(`${name} `)), 30_000, `${name} to start:\n${child.output()}`);
    return line.split(' ')[1]!;
  }

  output(): string {
    return this.children.map((c, i) => `--- process ${i}\n${c.output()}`).join('\n');
  }

  async close(): Promise<void> {
    for (const child of this.children) if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGTERM');
    await Promise.all(this.children.map((c) => c.exited));
    await deleteKeys(this.prefix);
    this.redis.disconnect();
  }
}

/** `count` deliveries with a wrong signature, spread over `urls` in turn. */
async function badDeliveries(urls: readonly string[], count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const body = { id: `evt_bad_${i}`, object: 'event', type: 'payment_intent.succeeded', data: { object: {} } };
    const res = await request(urls[i % urls.length]!).post('/webhooks/stripe').set(signWebhook('stripe', 'whsec_not_the_secret', body)).send(JSON.stringify(body));
    expect(res.status).toBe(401);
  }
}

/** The notification a receiver got, its signature checked by the standardwebhooks package. */
function verified(alert: ReceivedAlert): { type: string; data: Record<string, unknown> } {
  const headers = { 'webhook-id': String(alert.headers['webhook-id']), 'webhook-timestamp': String(alert.headers['webhook-timestamp']), 'webhook-signature': String(alert.headers['webhook-signature']) };
  return new Webhook(ALERT_SECRET).verify(alert.body, headers) as { type: string; data: Record<string, unknown> };
}

describe('alerts across processes sharing one Redis', () => {
  let script: string;
  let deployment: Deployment | undefined;
  let receiver: AlertReceiver | undefined;

  beforeAll(() => {
    script = compileFixture(fileURLToPath(new URL('./fixtures/alerts-app.ts', import.meta.url)), ['core', 'webhooks', 'connectors', 'monitoring']);
  }, 180_000);
  afterEach(async () => {
    await deployment?.close();
    await receiver?.close();
    deployment = undefined;
    receiver = undefined;
  });

  describe.each(PLATFORMS)('on %s, through the Slack connector', (platform) => {
    let sandbox: Sandbox;
    beforeEach(async () => {
      sandbox = await startSandbox();
    });
    afterEach(async () => {
      await sandbox.close();
    });

    it('sends one Slack message when the rule fires and one when it resolves, whichever process saw what', async () => {
      const alerts = { channel: { kind: 'slack', connector: 'slack', channel: '#alerts' }, rules: [RULE], ...FAST };
      deployment = new Deployment(script, { PLATFORM: platform, ALERTS: JSON.stringify(alerts), SLACK_URL: sandbox.urls.slack, SLACK_TOKEN: sandbox.credentials.slackBotToken });
      const urls = [await deployment.start('p1'), await deployment.start('p2')];
      const inAlerts = () => sandbox.state.slack.messagesIn('#alerts');

      await badDeliveries(urls, 12);
      await waitFor(() => inAlerts().length >= 1, 10_000, `the firing message:\n${deployment.output()}`);
      expect(inAlerts()[0]!.text).toMatch(/^Alert webhook-401s is FIRING: 1[12] > 10 \(webhook_rejected\{reason=signature\} over 4s > 10\), since /);
      await waitFor(() => inAlerts().length >= 2, 10_000, `the resolve message:\n${deployment.output()}`);
      expect(inAlerts()[1]!.text).toMatch(/^Alert webhook-401s is resolved: \d+ <= 10 .*; it fired at /);
      await new Promise((r) => setTimeout(r, 1_500)); // every process keeps evaluating: nothing more is sent
      expect(inAlerts()).toHaveLength(2);
      expect(sandbox.state.requests.count('slack', 'POST /api/chat.postMessage')).toBe(2);
      expect(inAlerts()[0]!.blocks).toEqual([expect.objectContaining({ type: 'section' }), expect.objectContaining({ type: 'context' })]);
    }, 60_000);
  });

  it('signs webhook notifications (Standard Webhooks), retries one the receiver refused, and sends each state once', async () => {
    receiver = await startAlertReceiver();
    receiver.script(503);
    const alerts: MonitoringAlertsOptions = { channel: { kind: 'webhook', url: receiver.url, secret: ALERT_SECRET, allowPrivateNetwork: true }, rules: [RULE], ...FAST };
    deployment = new Deployment(script, { ALERTS: JSON.stringify(alerts) });
    const urls = [await deployment.start('p1'), await deployment.start('p2')];

    await badDeliveries(urls, 12);
    const got = receiver.received;
    await waitFor(() => got.length >= 3, 15_000, `firing (refused, then accepted) and resolved:\n${deployment.output()}`);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(got).toHaveLength(3);
    const [refused, fired, resolved] = got.map(verified);
    expect(got[0]!.headers['webhook-id']).toBe(got[1]!.headers['webhook-id']);
    expect(refused).toEqual(fired);
    expect(fired).toMatchObject({ type: 'alert.firing', data: { rule: 'webhook-401s', state: 'firing', threshold: 10, window: '4s', condition: 'webhook_rejected{reason=signature} over 4s > 10' } });
    expect(fired!.data['value']).toBeGreaterThan(10);
    expect(fired!.data['id']).toBe(got[0]!.headers['webhook-id']);
    expect(resolved).toMatchObject({ type: 'alert.resolved', data: { rule: 'webhook-401s', state: 'resolved', incident: fired!.data['incident'], firedAt: fired!.data['since'] } });
    expect(resolved!.data['value']).toBeLessThanOrEqual(10);
    expect(deployment.output()).toMatch(/Alert notification webhook-401s:\d+:firing failed \(attempt 1 of 5: the receiver answered HTTP 503\); retrying in \d+ ms/);
    expect(deployment.output()).not.toContain(ALERT_SECRET);
  }, 60_000);

  it('a process that dies after winning the transition, before the notification is out: another process sends it', async () => {
    receiver = await startAlertReceiver();
    receiver.script('hang');
    const alerts: MonitoringAlertsOptions = { channel: { kind: 'webhook', url: receiver.url, secret: ALERT_SECRET, allowPrivateNetwork: true }, rules: [{ ...RULE, when: { ...RULE.when, over: '10s' } }], ...FAST };
    deployment = new Deployment(script, { ALERTS: JSON.stringify(alerts) });
    const first = await deployment.start('p1');
    await badDeliveries([first], 12);
    await waitFor(() => receiver!.received.length === 1, 10_000, `p1 to send:\n${deployment.output()}`);
    deployment.children[0]!.process.kill('SIGKILL'); // mid-send: nothing recorded the notification as delivered

    await deployment.start('p2');
    await waitFor(() => receiver!.received.length === 2, 10_000, `p2 to send what p1 left:\n${deployment.output()}`);
    const [lost, sent] = receiver.received;
    expect(sent!.headers['webhook-id']).toBe(lost!.headers['webhook-id']);
    expect(verified(sent!)).toMatchObject({ type: 'alert.firing', data: { rule: 'webhook-401s', state: 'firing' } });
    await waitFor(() => receiver!.received.length === 3, 20_000, `the resolve:\n${deployment.output()}`);
    expect(verified(receiver.received[2]!)).toMatchObject({ type: 'alert.resolved' });
  }, 60_000);
});
