import request from 'supertest';
import { Injectable, Module, type DynamicModule, type INestApplicationContext, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Webhook } from 'standardwebhooks';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { AiModule, AiService } from '@aiwire/ai';
import { ConnectorsModule } from '@aiwire/connectors';
import { OnWebhook, WebhookAdminService, WebhookModule, type WebhookEvent } from '@aiwire/webhooks';
import { signWebhook } from '@aiwire/webhooks/testing';
import { MonitoringModule, type MonitoringAlertsOptions } from '@aiwire/monitoring';
import { CapturingLogger } from '../../../test/support/capturing-logger.js';
import { PLATFORMS, startApp, type RunningApp } from '../../../test/support/http-app.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { startAlertReceiver, type AlertReceiver, type ReceivedAlert } from './alert-receiver.js';

const STRIPE_SECRET = 'whsec_alert_rules_e2e';
const ALERT_SECRET = `whsec_${Buffer.from('alert-rules-e2e-signing-key-32b!').toString('base64')}`;
const FAST = { evaluateEvery: '200ms', retry: { attempts: 3, baseDelayMs: 50, maxDelayMs: 200, timeoutMs: 1_000 } } as const;

type Alerts = Omit<MonitoringAlertsOptions, 'channel'> & { channel?: MonitoringAlertsOptions['channel'] };

/** The data of each notification the receiver got, its signature checked with the standardwebhooks package. */
function notifications(received: readonly ReceivedAlert[]): Record<string, unknown>[] {
  return received.map((alert) => {
    const headers = { 'webhook-id': String(alert.headers['webhook-id']), 'webhook-timestamp': String(alert.headers['webhook-timestamp']), 'webhook-signature': String(alert.headers['webhook-signature']) };
    return (new Webhook(ALERT_SECRET).verify(alert.body, headers) as { data: Record<string, unknown> }).data;
  });
}

const stripeEvent = (id: string, type: string) => ({ id, object: 'event', type, data: { object: {} } });

describe('alert rules in one app', () => {
  const prefixes: string[] = [];
  let receiver: AlertReceiver;
  const fresh = (name: string): string => {
    const prefix = uniquePrefix(name);
    prefixes.push(prefix);
    return prefix;
  };
  const monitoring = (prefix: string, alerts: Alerts): DynamicModule =>
    MonitoringModule.forRoot({
      redis: { url: REDIS_URL },
      keyPrefix: `${prefix}:monitoring`,
      alerts: { channel: { kind: 'webhook', url: receiver.url, secret: ALERT_SECRET, allowPrivateNetwork: true }, ...FAST, ...alerts },
    });
  const webhooks = (prefix: string): DynamicModule =>
    WebhookModule.forRoot({ redis: { url: REDIS_URL }, sources: { stripe: { scheme: 'stripe', secrets: [STRIPE_SECRET] } }, keyPrefix: prefix, queue: { prefix }, attempts: 1 });

  beforeEach(async () => {
    receiver = await startAlertReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });
  afterAll(async () => {
    for (const prefix of prefixes) await deleteKeys(prefix);
  });

  describe.each(PLATFORMS)('on %s', (platform) => {
    let running: RunningApp | undefined;
    afterEach(async () => {
      await running?.close();
      running = undefined;
    });

    it('deadLetters fires while a dead letter is present and resolves once it is gone; webhook_dead counts the dead execution over its window', async () => {
      const prefix = fresh(`alerts-dead-${platform}`);
      @Injectable()
      class Handlers {
        @OnWebhook('invoice.failed')
        async broken(_event: WebhookEvent): Promise<void> {
          throw new Error('always fails');
        }
      }
      const rules: MonitoringAlertsOptions['rules'] = [
        { name: 'dead-letters', when: { deadLetters: { above: 0 } } },
        { name: 'dead-handlers', when: { metric: 'webhook_dead', source: 'stripe', over: '3s', above: 0 } },
      ];
      @Module({ imports: [webhooks(prefix), monitoring(prefix, { rules })], providers: [Handlers] })
      class AppModule {}
      running = await startApp(platform, AppModule);

      const body = stripeEvent(`evt_dead_${platform}`, 'invoice.failed');
      expect((await request(running.url).post('/webhooks/stripe').set(signWebhook('stripe', STRIPE_SECRET, body)).send(JSON.stringify(body))).status).toBe(202);
      await waitFor(() => receiver.received.length >= 2, 10_000, `both firings:\n${running!.logs.text()}`);
      const fired = notifications(receiver.received);
      expect(fired).toEqual(expect.arrayContaining([
        expect.objectContaining({ rule: 'dead-letters', state: 'firing', value: 1, threshold: 0, window: null, condition: 'dead letters > 0' }),
        expect.objectContaining({ rule: 'dead-handlers', state: 'firing', value: 1, threshold: 0, window: '3s', condition: 'webhook_dead{source=stripe} over 3s > 0' }),
      ]));

      // The window passes: webhook_dead resolves; the dead letter is still there: deadLetters does not.
      await waitFor(() => receiver.received.length >= 3, 10_000, 'the webhook_dead resolve');
      await new Promise((r) => setTimeout(r, 600));
      expect(notifications(receiver.received).slice(2)).toEqual([expect.objectContaining({ rule: 'dead-handlers', state: 'resolved', value: 0 })]);

      const admin = running.app.get(WebhookAdminService);
      const [letter] = await admin.deadLetters();
      expect(await admin.discard(letter!.id)).toBe(true);
      await waitFor(() => receiver.received.length >= 4, 10_000, 'the deadLetters resolve');
      await new Promise((r) => setTimeout(r, 600));
      expect(notifications(receiver.received).slice(3)).toEqual([expect.objectContaining({ rule: 'dead-letters', state: 'resolved', value: 0 })]);
    }, 30_000);

    it('gives a notification up after its last attempt and says so in an error line, with what it said', async () => {
      const prefix = fresh(`alerts-give-up-${platform}`);
      receiver.script(500, 502, 503);
      @Module({ imports: [webhooks(prefix), monitoring(prefix, { rules: [{ name: 'any-401', when: { metric: 'webhook_rejected', reason: 'invalid_signature', over: '30s', above: 0 } }] })] })
      class AppModule {}
      running = await startApp(platform, AppModule);
      const body = stripeEvent('evt_forged', 'invoice.paid');
      expect((await request(running.url).post('/webhooks/stripe').set(signWebhook('stripe', 'whsec_forged', body)).send(JSON.stringify(body))).status).toBe(401);

      await waitFor(() => running!.logs.lines.some((l) => l.level === 'error' && l.context === 'AlertDeliveries'), 10_000, `the give-up line:\n${running!.logs.text()}`);
      await new Promise((r) => setTimeout(r, 600));
      expect(receiver.received).toHaveLength(3);
      expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
      const warnings = running.logs.lines.filter((l) => l.context === 'AlertDeliveries' && l.level === 'warn').map((l) => l.message);
      expect(warnings).toEqual([
        expect.stringMatching(/^Alert notification any-401:\d+:firing failed \(attempt 1 of 3: the receiver answered HTTP 500\); retrying in \d+ ms$/),
        expect.stringMatching(/failed \(attempt 2 of 3: the receiver answered HTTP 502\)/),
      ]);
      const gaveUp = running.logs.lines.find((l) => l.level === 'error' && l.context === 'AlertDeliveries')!.message;
      expect(gaveUp).toMatch(/^Alert notification any-401:\d+:firing was NOT delivered after 3 attempts \(the receiver answered HTTP 503\); check alerts.channel\. It said: Alert any-401 is FIRING: 1 > 0/);
      expect(running.logs.text()).not.toContain(ALERT_SECRET);
    }, 30_000);
  });

  it('refuses a loopback webhook URL without allowPrivateNetwork (SSRF guard): nothing is sent, the refusal is logged', async () => {
    const prefix = fresh('alerts-ssrf');
    @Module({
      imports: [
        webhooks(prefix),
        monitoring(prefix, { channel: { kind: 'webhook', url: receiver.url, secret: ALERT_SECRET }, retry: { attempts: 1 }, rules: [{ name: 'any-401', when: { metric: 'webhook_rejected', over: '30s', above: 0 } }] }),
      ],
    })
    class AppModule {}
    const running = await startApp('express', AppModule);
    try {
      const body = stripeEvent('evt_forged', 'invoice.paid');
      await request(running.url).post('/webhooks/stripe').set(signWebhook('stripe', 'whsec_forged', body)).send(JSON.stringify(body));
      await waitFor(() => running.logs.lines.some((l) => l.level === 'error' && l.context === 'AlertDeliveries'), 10_000, `the refusal:\n${running.logs.text()}`);
      expect(running.logs.text()).toMatch(/was NOT delivered after 1 attempts \(.*127\.0\.0\.1.* loopback address/);
      expect(receiver.received).toHaveLength(0);
    } finally {
      await running.close();
    }
  });

  describe('through the Slack connector', () => {
    let sandbox: Sandbox;
    beforeEach(async () => {
      sandbox = await startSandbox();
    });
    afterEach(async () => {
      await sandbox.close();
    });

    it('retries a message Slack refused, and posts it once', async () => {
      const prefix = fresh('alerts-slack-retry');
      sandbox.faults.inject('slack', { status: 200, body: { ok: false, error: 'channel_not_found' }, path: 'chat.postMessage' });
      const slack = ConnectorsModule.forRoot({
        redis: { url: REDIS_URL },
        keyPrefix: `${prefix}:connectors`,
        connectors: { slack: { kind: 'slack', auth: { type: 'bearer', token: sandbox.credentials.slackBotToken }, baseUrl: sandbox.urls.slack } },
      });
      @Module({ imports: [webhooks(prefix), slack, monitoring(prefix, { channel: { kind: 'slack', connector: 'slack', channel: '#alerts' }, rules: [{ name: 'any-401', when: { metric: 'webhook_rejected', over: '30s', above: 0 } }] })] })
      class AppModule {}
      const running = await startApp('express', AppModule);
      try {
        const body = stripeEvent('evt_forged', 'invoice.paid');
        await request(running.url).post('/webhooks/stripe').set(signWebhook('stripe', 'whsec_forged', body)).send(JSON.stringify(body));
        await waitFor(() => sandbox.state.slack.messagesIn('#alerts').length === 1, 10_000, `the message:\n${running.logs.text()}`);
        await new Promise((r) => setTimeout(r, 600));
        expect(sandbox.state.slack.messagesIn('#alerts')).toEqual([expect.objectContaining({ text: expect.stringMatching(/^Alert any-401 is FIRING: 1 > 0/) })]);
        expect(sandbox.state.requests.count('slack', 'POST /api/chat.postMessage')).toBe(2);
        expect(running.logs.text()).toMatch(/Alert notification any-401:\d+:firing failed \(attempt 1 of 3: .*channel_not_found.*\); retrying in \d+ ms/);
        expect(running.logs.text()).not.toContain(sandbox.credentials.slackBotToken);
      } finally {
        await running.close();
      }
    });
  });

  describe('aiCostUsd', () => {
    let sandbox: Sandbox;
    beforeEach(async () => {
      sandbox = await startSandbox();
    });
    afterEach(async () => {
      await sandbox.close();
    });

    it('fires when the AI spend of the period passes the threshold, and resolves when the period has moved past it', async () => {
      const prefix = fresh('alerts-ai-cost');
      const ai = AiModule.forRoot({
        redis: { url: REDIS_URL },
        keyPrefix: `${prefix}:ai`,
        providers: { openai: { kind: 'openai', apiKey: sandbox.credentials.openaiApiKey, baseURL: `${sandbox.urls.openai}/v1` } },
        defaultProvider: 'openai',
        // One dollar a token: a few calls cost tens of dollars.
        prices: { 'gpt-4o-mini': { inputPerMTok: 1_000_000, outputPerMTok: 1_000_000 } },
        jobs: { workers: false, queuePrefix: prefix },
      });
      @Module({ imports: [ai, monitoring(prefix, { rules: [{ name: 'ai-spend', when: { aiCostUsd: { per: '3s', above: 50 } } }] })] })
      class AppModule {}
      const app = await context(AppModule);
      try {
        const service = app.get(AiService);
        let spent = 0;
        while (spent <= 50) spent += (await service.chat({ messages: [{ role: 'user', content: `what does call ${spent} cost?` }], model: 'gpt-4o-mini' })).costUsd;
        await waitFor(() => receiver.received.length >= 1, 10_000, 'the firing');
        const [fired] = notifications(receiver.received);
        expect(fired).toMatchObject({ rule: 'ai-spend', state: 'firing', threshold: 50, window: '3s', condition: 'AI spend (USD) over 3s > 50' });
        expect(fired!['value']).toBeGreaterThan(50);
        expect(fired!['value']).toBeLessThanOrEqual(Math.round(spent * 1e6) / 1e6);
        await waitFor(() => receiver.received.length >= 2, 10_000, 'the resolve');
        // Resolved as soon as the spend inside the sliding window is back at or below the threshold:
        // 0 when the calls were quick, part of it when they spread over the window (a loaded machine).
        const resolved = notifications(receiver.received)[1]!;
        expect(resolved).toMatchObject({ rule: 'ai-spend', state: 'resolved', threshold: 50 });
        expect(resolved['value']).toBeLessThanOrEqual(50);
      } finally {
        await app.close();
      }
    }, 30_000);
  });
});

async function context(module: Type<unknown>, logger = new CapturingLogger()): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(module, { logger, abortOnError: false });
}
