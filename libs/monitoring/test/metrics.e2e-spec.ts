import { Injectable, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { Counter, register } from 'prom-client';
import { createChannel } from '@aiwire/core';
import Bull from 'bull';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { OnWebhook, WebhookModule, type WebhookEvent } from '@aiwire/webhooks';
import { AiModule, AiService, type ChatResult } from '@aiwire/ai';
import { CircuitOpenError, ConnectorRegistry, ConnectorsModule, InjectConnector, type StripeConnector } from '@aiwire/connectors';
import { MonitoringMetrics, MonitoringModule } from '@aiwire/monitoring';
import { PLATFORMS, startApp, type RunningApp } from '../../../test/support/http-app.js';
import { REDIS_URL, deleteKeys, startPrivateRedis, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { parseExposition, type Exposition } from './exposition.js';

const STRIPE_SECRET = 'whsec_monitoring_metrics_e2e_5e1f';
const CUSTOMER = 'cus_Sbxmaya000001';
const MODEL = 'gpt-4o-mini';
const REPORTS_QUEUE = 'REPORTS_QUEUE';
const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

/** What the handler did for each event: the AI answer it got. */
type Handled = Map<string, ChatResult<unknown>>;

/** The host app: webhooks whose handler calls the AI and Stripe, a queue of its own, and monitoring. */
function hostModule(sandbox: Sandbox, prefix: string, handled: Handled, mount: Mount) {
  @Injectable()
  class Handlers {
    constructor(private readonly ai: AiService, @InjectConnector('stripe') private readonly stripe: StripeConnector) {}

    @OnWebhook('payment_intent.succeeded', { source: 'stripe' })
    async onPaid(event: WebhookEvent): Promise<void> {
      const answer = await this.ai.chat({ messages: [{ role: 'user', content: `Thank the customer for ${event.id}` }], model: MODEL });
      await this.stripe.getCustomer(CUSTOMER);
      handled.set(event.id, answer);
    }

    @OnWebhook('charge.failed', { source: 'stripe', attempts: 1 })
    async onFailed(): Promise<void> {
      throw new Error('charge.failed cannot be handled here');
    }
  }

  const c = sandbox.credentials;
  @Module({
    imports: [
      WebhookModule.forRoot({ redis: { url: REDIS_URL }, keyPrefix: prefix, queue: { prefix }, mount, sources: { stripe: { scheme: 'stripe', secrets: [STRIPE_SECRET] } } }),
      AiModule.forRoot({
        redis: { url: REDIS_URL },
        keyPrefix: prefix,
        providers: { primary: { kind: 'openai', apiKey: c.openaiApiKey, baseURL: `${sandbox.urls.openai}/v1` } },
        defaultProvider: 'primary',
        cache: { ttlSeconds: 60 },
        jobs: { queuePrefix: prefix },
      }),
      ConnectorsModule.forRoot({
        redis: { url: REDIS_URL },
        keyPrefix: prefix,
        connectors: {
          stripe: { kind: 'stripe', auth: { type: 'bearer', token: c.stripeSecretKey }, baseUrl: sandbox.urls.stripe, retry: false },
          payments: { kind: 'stripe', auth: { type: 'bearer', token: c.stripeSecretKey }, baseUrl: sandbox.urls.stripe, retry: false, circuitBreaker: { failureThreshold: 2, cooldownMs: 300 } },
        },
      }),
      MonitoringModule.forRoot({ metrics: { path: '/metrics' } }),
    ],
    // A queue of the host's own, with no worker: its jobs stay where the test puts them.
    providers: [Handlers, { provide: REPORTS_QUEUE, useFactory: () => new Bull('reports', REDIS_URL, { prefix }) }],
  })
  class AppModule {}
  return AppModule;
}

type Mount = 'server' | 'controller';
// Both intake mounts, one per platform: the server mount leaves unknown sources to the framework.
const CASES = PLATFORMS.map((platform) => [platform, platform === 'express' ? 'server' : 'controller'] as const);

describe.each(CASES)('metrics of a host app with all four modules, on %s (intake mounted on the %s)', (platform, mount) => {
  const prefix = uniquePrefix(`metrics-${platform}`);
  const handled: Handled = new Map();
  let sandbox: Sandbox;
  let running: RunningApp;
  let reports: Bull.Queue;
  let n = 0;

  beforeAll(async () => {
    sandbox = await startSandbox({ limits: { stripePerSecond: 10_000 } });
    running = await startApp(platform, hostModule(sandbox, prefix, handled, mount));
    reports = running.app.get(REPORTS_QUEUE);
  });
  afterAll(async () => {
    await reports?.close();
    await running?.close();
    await sandbox?.close();
    await deleteKeys(prefix);
  });

  const scrape = async (): Promise<Exposition> => {
    const res = await fetch(`${running.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(PROMETHEUS_TEXT);
    return parseExposition(await res.text());
  };
  /** How much each series moved between two scrapes (absent counts as 0). */
  const delta = (before: Exposition, after: Exposition, name: string, labels: Record<string, string>): number =>
    (after.value(name, labels) ?? 0) - (before.value(name, labels) ?? 0);
  const nextId = () => `evt_metrics_${platform}_${++n}_${Date.now()}`;
  const deliver = (type: string, id = nextId(), secret = STRIPE_SECRET, source = 'stripe') =>
    sandbox.sendWebhook(`${running.url}/webhooks/${source}`, 'stripe', { type, id, payload: { id: `pi_${id}`, amount: 4200 } }, secret);

  it('serves the text exposition with every aiwire metric family, typed, and the default process metrics', async () => {
    const metrics = await scrape();
    expect(Object.fromEntries([...metrics.types].filter(([name]) => !name.startsWith('process_') && !name.startsWith('nodejs_')))).toEqual({
      aiwire_webhooks_received_total: 'counter',
      aiwire_webhook_handler_duration_seconds: 'histogram',
      aiwire_queue_jobs: 'gauge',
      http_client_request_duration_seconds: 'histogram',
      gen_ai_client_token_usage: 'histogram',
      gen_ai_client_operation_duration_seconds: 'histogram',
      aiwire_ai_cost_usd_total: 'counter',
      aiwire_ai_cache_requests_total: 'counter',
      aiwire_circuit_state: 'gauge',
    });
    expect(metrics.types.get('process_cpu_user_seconds_total')).toBe('counter');
    expect(metrics.types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
  });

  it('counts accepted, duplicate, badly signed and unknown-source deliveries by source, type and outcome', async () => {
    const before = await scrape();
    const id = nextId();
    expect((await deliver('payment_intent.succeeded', id)).status).toBe(202);
    expect((await deliver('payment_intent.succeeded', id)).status).toBe(200);
    expect((await deliver('payment_intent.succeeded', nextId(), 'whsec_not_the_secret')).status).toBe(401);
    expect((await deliver('payment_intent.succeeded', nextId(), STRIPE_SECRET, 'nowhere')).status).toBe(404);
    expect((await deliver('payment_intent.succeeded', nextId(), STRIPE_SECRET, 'elsewhere')).status).toBe(404);
    const after = await scrape();
    const received = (source: string, type: string, outcome: string) => delta(before, after, 'aiwire_webhooks_received_total', { source, type, outcome });
    expect(received('stripe', 'payment_intent.succeeded', 'accepted')).toBe(1);
    expect(received('stripe', 'payment_intent.succeeded', 'duplicate')).toBe(1);
    // Refused before its signature was checked: its type is not trusted, so it is not a label.
    expect(received('stripe', '', 'invalid_signature')).toBe(1);
    // The controller answers unknown sources itself, all under one label; the server mount leaves them to the framework.
    expect(received('(unknown)', '', 'unknown_source')).toBe(mount === 'controller' ? 2 : 0);
    const series = after.series('aiwire_webhooks_received_total');
    expect(series.every(({ labels }) => !Object.values(labels).some((v) => v.includes('evt_') || v.includes('pi_')))).toBe(true);
    expect(series.map((s) => s.labels.source).filter((s) => s !== 'stripe')).toEqual(mount === 'controller' ? ['(unknown)'] : []);
    // Its handler's run is counted before the next test starts counting.
    await waitFor(() => handled.has(id), 10_000, 'the handler');
    const handler = { source: 'stripe', type: 'payment_intent.succeeded', handler: 'Handlers.onPaid', outcome: 'completed' };
    await waitFor(async () => delta(before, await scrape(), 'aiwire_webhook_handler_duration_seconds_count', handler) === 1, 5_000, 'the handler duration');
  });

  it('moves the handler, connector, gen_ai and cost metrics by exactly one call each for a handled webhook', async () => {
    const before = await scrape();
    const id = nextId();
    expect((await deliver('payment_intent.succeeded', id)).status).toBe(202);
    await waitFor(() => handled.has(id), 10_000, 'the handler');
    const handler = { source: 'stripe', type: 'payment_intent.succeeded', handler: 'Handlers.onPaid', outcome: 'completed' };
    const after = await waitFor(async () => {
      const now = await scrape();
      return delta(before, now, 'aiwire_webhook_handler_duration_seconds_count', handler) === 1 && now;
    }, 5_000, 'the handler duration');
    const answer = handled.get(id)!;
    expect(answer).toMatchObject({ cached: false, provider: 'primary' });

    expect(delta(before, after, 'aiwire_webhook_handler_duration_seconds_bucket', { ...handler, le: '+Inf' })).toBe(1);
    expect(delta(before, after, 'http_client_request_duration_seconds_count', { connector: 'stripe', method: 'GET', status_class: '2xx' })).toBe(1);
    const genAi = { gen_ai_operation_name: 'chat', gen_ai_provider_name: 'openai', gen_ai_request_model: MODEL };
    expect(delta(before, after, 'gen_ai_client_operation_duration_seconds_count', { ...genAi, error_type: '' })).toBe(1);
    expect(delta(before, after, 'gen_ai_client_token_usage_count', { ...genAi, gen_ai_token_type: 'input' })).toBe(1);
    expect(delta(before, after, 'gen_ai_client_token_usage_sum', { ...genAi, gen_ai_token_type: 'input' })).toBe(answer.usage.inputTokens);
    expect(delta(before, after, 'gen_ai_client_token_usage_sum', { ...genAi, gen_ai_token_type: 'output' })).toBe(answer.usage.outputTokens);
    expect(answer.costUsd).toBeGreaterThan(0);
    expect(delta(before, after, 'aiwire_ai_cost_usd_total', { provider: 'primary', model: MODEL })).toBeCloseTo(answer.costUsd, 12);
    // Each call missed the cache once (the prompt names the event).
    expect(delta(before, after, 'aiwire_ai_cache_requests_total', { result: 'miss' })).toBe(1);
    expect(delta(before, after, 'aiwire_ai_cache_requests_total', { result: 'hit' })).toBe(0);
  });

  it('counts a cache hit and records no duration, tokens or cost for it', async () => {
    const ai = running.app.get(AiService);
    const request = { messages: [{ role: 'user' as const, content: `cache me on ${platform}` }], model: MODEL };
    const before = await scrape();
    await ai.chat(request);
    const middle = await scrape();
    expect((await ai.chat(request)).cached).toBe(true);
    const after = await scrape();
    expect(delta(before, middle, 'aiwire_ai_cache_requests_total', { result: 'miss' })).toBe(1);
    expect(delta(middle, after, 'aiwire_ai_cache_requests_total', { result: 'hit' })).toBe(1);
    expect(delta(middle, after, 'aiwire_ai_cache_requests_total', { result: 'miss' })).toBe(0);
    const genAi = { gen_ai_operation_name: 'chat', gen_ai_provider_name: 'openai', gen_ai_request_model: MODEL };
    expect(delta(middle, after, 'gen_ai_client_operation_duration_seconds_count', { ...genAi, error_type: '' })).toBe(0);
    expect(delta(middle, after, 'gen_ai_client_token_usage_count', { ...genAi, gen_ai_token_type: 'input' })).toBe(0);
    expect(delta(middle, after, 'aiwire_ai_cost_usd_total', { provider: 'primary', model: MODEL })).toBe(0);
  });

  it('reports each queue\'s jobs by state at scrape time, and a dead letter as dead', async () => {
    await reports.add({ report: 'daily' });
    await reports.add({ report: 'weekly' });
    await reports.add({ report: 'monthly' }, { delay: 60_000 });
    const before = await scrape();
    expect(before.value('aiwire_queue_jobs', { queue: 'reports', state: 'waiting' })).toBe(2);
    expect(before.value('aiwire_queue_jobs', { queue: 'reports', state: 'delayed' })).toBe(1);
    expect(before.value('aiwire_queue_jobs', { queue: 'reports', state: 'active' })).toBe(0);
    expect(before.value('aiwire_queue_jobs', { queue: 'reports', state: 'dead' })).toBeUndefined();
    expect(before.value('aiwire_queue_jobs', { queue: 'ai', state: 'waiting' })).toBe(0);
    expect(before.value('aiwire_queue_jobs', { queue: 'webhooks', state: 'dead' })).toBe(0);

    expect((await deliver('charge.failed')).status).toBe(202);
    const after = await waitFor(async () => {
      const now = await scrape();
      return now.value('aiwire_queue_jobs', { queue: 'webhooks', state: 'dead' }) === 1 && now;
    }, 10_000, 'a dead letter');
    expect(after.value('aiwire_queue_jobs', { queue: 'webhooks', state: 'failed' })).toBe(1);
    expect(delta(before, after, 'aiwire_webhook_handler_duration_seconds_count', { source: 'stripe', type: 'charge.failed', handler: 'Handlers.onFailed', outcome: 'dead' })).toBe(1);

    await reports.empty();
    expect((await scrape()).value('aiwire_queue_jobs', { queue: 'reports', state: 'waiting' })).toBe(0);
  });

  it('moves a connector\'s circuit gauge: 2 open, 1 half-open during the trial, 0 closed', async () => {
    const payments = running.app.get(ConnectorRegistry).get<StripeConnector>('payments');
    const before = await scrape();
    expect(before.value('aiwire_circuit_state', { name: 'payments' })).toBeUndefined();
    sandbox.faults.inject('stripe', { status: 503, times: 2 });
    for (let i = 0; i < 2; i++) await expect(payments.getCustomer(CUSTOMER)).rejects.toMatchObject({ status: 503 });
    await expect(payments.getCustomer(CUSTOMER)).rejects.toBeInstanceOf(CircuitOpenError);
    const opened = await scrape();
    expect(opened.value('aiwire_circuit_state', { name: 'payments' })).toBe(2);
    expect(delta(before, opened, 'http_client_request_duration_seconds_count', { connector: 'payments', method: 'GET', status_class: '5xx' })).toBe(2);

    await new Promise((r) => setTimeout(r, 350));
    sandbox.faults.inject('stripe', { delayMs: 600 });
    const trial = payments.getCustomer(CUSTOMER);
    await waitFor(async () => (await scrape()).value('aiwire_circuit_state', { name: 'payments' }) === 1, 500, 'half-open');
    await expect(trial).resolves.toMatchObject({ id: CUSTOMER });
    expect((await scrape()).value('aiwire_circuit_state', { name: 'payments' })).toBe(0);
    // The handler's connector has no breaker: never listed.
    expect((await scrape()).value('aiwire_circuit_state', { name: 'stripe' })).toBeUndefined();
  });
});

describe.each(PLATFORMS)('the metrics route on %s', (platform) => {
  const open: RunningApp[] = [];
  const start = async (monitoring: DynamicModule, providers: Provider[] = []): Promise<RunningApp> => {
    @Module({ imports: [monitoring], providers })
    class AppModule {}
    const running = await startApp(platform, AppModule);
    open.push(running);
    return running;
  };
  afterEach(async () => {
    for (const running of open.splice(0)) await running.close();
  });
  const channelsListened = () => ['aiwire:webhook:intake', 'aiwire:webhook:execution', 'aiwire:http:attempt', 'aiwire:ai:request', 'aiwire:ai:cache'].filter((name) => createChannel(name).hasSubscribers);

  it('answers 404 and listens to nothing when metrics are off, with forRoot and with forRootAsync', async () => {
    for (const monitoring of [MonitoringModule.forRoot({}), MonitoringModule.forRootAsync({ routes: { metrics: '/metrics' }, useFactory: async () => ({ metrics: false }) })]) {
      const running = await start(monitoring);
      const res = await fetch(`${running.url}/metrics`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('aiwire_');
      expect(channelsListened()).toEqual([]);
      await open.pop()!.close();
    }
  });

  it('serves at the route given beside forRootAsync\'s factory, without process metrics when defaultMetrics is false, and stops listening on shutdown', async () => {
    const running = await start(MonitoringModule.forRootAsync({ routes: { metrics: '/internal/metrics' }, useFactory: async () => ({ metrics: { defaultMetrics: false } }) }));
    expect((await fetch(`${running.url}/metrics`)).status).toBe(404);
    const res = await fetch(`${running.url}/internal/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(PROMETHEUS_TEXT);
    const metrics = parseExposition(await res.text());
    expect(metrics.types.get('aiwire_webhooks_received_total')).toBe('counter');
    expect([...metrics.types.keys()].filter((name) => name.startsWith('process_') || name.startsWith('nodejs_'))).toEqual([]);
    expect(channelsListened()).toHaveLength(5);
    await open.pop()!.close();
    expect(channelsListened()).toEqual([]);
  });

  it('lets the host add its own metrics to the module\'s registry, and keeps prom-client\'s global registry out', async () => {
    const running = await start(MonitoringModule.forRoot({ metrics: { path: '/metrics', defaultMetrics: false } }));
    const orders = new Counter({ name: 'shop_orders_total', help: 'Orders placed.', registers: [running.app.get(MonitoringMetrics).registry] });
    orders.inc(3);
    const globalName = `global_only_${platform}_total`;
    new Counter({ name: globalName, help: 'In the global registry.' }).inc();
    try {
      const metrics = parseExposition(await (await fetch(`${running.url}/metrics`)).text());
      expect(metrics.value('shop_orders_total')).toBe(3);
      expect([...metrics.types.keys()].some((name) => name.startsWith('global_only_'))).toBe(false);
    } finally {
      register.removeSingleMetric(globalName);
    }
  });

  it('leaves the queue gauge out while a queue\'s Redis is away, answers the scrape all the same, and logs it once each way', async () => {
    const redis = await startPrivateRedis();
    const queue = new Bull('exports', redis.url);
    queue.on('error', () => undefined);
    try {
      const running = await start(MonitoringModule.forRoot({ metrics: { defaultMetrics: false } }), [{ provide: 'EXPORTS_QUEUE', useValue: queue }]);
      const scrape = async () => parseExposition(await (await fetch(`${running.url}/metrics`)).text());
      expect((await scrape()).value('aiwire_queue_jobs', { queue: 'exports', state: 'waiting' })).toBe(0);
      await redis.stop();
      for (let i = 0; i < 2; i++) {
        const started = Date.now();
        const res = await fetch(`${running.url}/metrics`);
        expect(res.status).toBe(200);
        const metrics = parseExposition(await res.text());
        expect(metrics.series('aiwire_queue_jobs')).toEqual([]);
        expect(metrics.types.get('aiwire_webhooks_received_total')).toBe('counter');
        expect(Date.now() - started).toBeLessThan(3_500);
      }
      const warnings = running.logs.lines.filter((l) => l.context === 'MonitoringMetrics' && l.level === 'warn');
      expect(warnings.map((l) => l.message)).toEqual([expect.stringMatching(/^aiwire_queue_jobs is left out of the scrape until the queues answer: The jobs of queue "exports" could not be counted/)]);
      const back = await startPrivateRedis(redis.port);
      try {
        const metrics = await waitFor(async () => {
          const now = await scrape();
          return now.value('aiwire_queue_jobs', { queue: 'exports', state: 'waiting' }) === 0 && now;
        }, 10_000, 'the queue gauge back');
        expect(metrics.value('aiwire_queue_jobs', { queue: 'exports', state: 'failed' })).toBe(0);
        expect(running.logs.lines.filter((l) => l.context === 'MonitoringMetrics').map((l) => l.message).at(-1)).toBe('aiwire_queue_jobs is back: the queues answer');
        await queue.close();
      } finally {
        await back.stop();
      }
    } finally {
      await redis.stop();
    }
  });
});
