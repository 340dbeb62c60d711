import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Test } from '@nestjs/testing';
import { verify } from '@octokit/webhooks-methods';
import Stripe from 'stripe';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import {
  CircuitOpenError,
  ConnectorConfigurationError,
  ConnectorsModule,
  WebhookRegistrar,
  WebhookRegistrationError,
  type WebhookRegistration,
  type WebhookRegistrationOptions,
} from '@aiwire/connectors';
import { CapturingLogger } from '../../../test/support/capturing-logger.js';
import { REDIS_URL, deleteKeys, rejectionOf, sandboxConnectors, uniquePrefix } from './connectors-fixtures.js';

interface Received {
  readonly path: string;
  readonly body: string;
  readonly headers: Record<string, string>;
}

describe('WebhookRegistrar: Shopify, Stripe and GitHub subscriptions, idempotent', () => {
  let sandbox: Sandbox;
  let receiver: Server;
  let publicUrl: string;
  const received: Received[] = [];
  let prefix: string;
  const apps: { close(): Promise<void> }[] = [];

  const subscriptions = (): WebhookRegistrationOptions['subscriptions'] => [
    { connector: 'shopify', topics: ['orders/create', 'customers/update'] },
    { connector: 'stripe', topics: ['payment_intent.succeeded', 'charge.refunded'] },
    { connector: 'github', topics: ['issues', 'push'], repository: 'aiwire-demo/storefront' },
  ];

  async function start(webhooks: Partial<WebhookRegistrationOptions> = {}, logs = new CapturingLogger()): Promise<WebhookRegistrar> {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConnectorsModule.forRoot({
          redis: { url: REDIS_URL },
          keyPrefix: prefix,
          connectors: sandboxConnectors(sandbox),
          webhooks: { publicUrl, subscriptions: subscriptions(), ...webhooks },
        }),
      ],
    })
      .setLogger(logs)
      .compile();
    const app = await moduleRef.init();
    apps.push(app);
    return app.get(WebhookRegistrar);
  }
  const byProvider = (results: WebhookRegistration[], provider: string) => results.find((r) => r.provider === provider)!;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8'), headers: req.headers as Record<string, string> });
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    publicUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
  beforeEach(async () => {
    sandbox = await startSandbox();
    prefix = uniquePrefix('registrar');
    received.length = 0;
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    await sandbox.close();
    await deleteKeys(prefix);
  });

  it('registers every subscription at startup', async () => {
    await start();
    const shopify = [...sandbox.state.shopify.webhooks.values()];
    expect(shopify.map((w) => [w.topic, w.address]).sort()).toEqual([
      ['customers/update', `${publicUrl}/shopify`],
      ['orders/create', `${publicUrl}/shopify`],
    ]);
    const endpoints = [...sandbox.state.stripe.webhookEndpoints.values()];
    expect(endpoints).toHaveLength(1);
    expect(endpoints[0]).toMatchObject({ url: `${publicUrl}/stripe`, enabled_events: ['payment_intent.succeeded', 'charge.refunded'], status: 'enabled' });
    const hooks = [...sandbox.state.github.hooks.values()];
    expect(hooks).toHaveLength(1);
    expect(hooks[0]!.hook).toMatchObject({ active: true, events: ['issues', 'push'], config: { url: `${publicUrl}/github`, content_type: 'json' } });
  });

  it('is idempotent: running again (and from another instance) creates nothing and returns the same secrets', async () => {
    const registrar = await start();
    const again = await registrar.ensureAll();
    const fromOther = await (await start({ registerOnStartup: false })).ensureAll();
    for (const results of [again, fromOther]) {
      expect(results.map((r) => r.changed)).toEqual([false, false, false]);
      expect(byProvider(results, 'stripe').secret).toBe([...sandbox.state.stripe.webhookEndpoints.values()][0]!.secret);
      expect(byProvider(results, 'github').secret).toBe([...sandbox.state.github.hooks.values()][0]!.secret);
      expect(byProvider(results, 'shopify').secret).toBeUndefined();
      expect(byProvider(results, 'shopify').ids).toHaveLength(2);
    }
    expect(sandbox.state.shopify.webhooks.size).toBe(2);
    expect(sandbox.state.stripe.webhookEndpoints.size).toBe(1);
    expect(sandbox.state.github.hooks.size).toBe(1);
    expect(sandbox.state.requests.count('stripe', 'POST /v1/webhook_endpoints')).toBe(1);
    expect(sandbox.state.requests.count('github', 'POST /repos/:owner/:repo/hooks')).toBe(1);
  });

  it('returns secrets that verify the providers’ real deliveries', async () => {
    const results = await (await start({ registerOnStartup: false })).ensureAll();
    await sandbox.emit('stripe', 'payment_intent.succeeded', { id: 'pi_1', object: 'payment_intent' });
    await sandbox.emit('github', 'issues.opened', { action: 'opened', issue: { number: 1 } });
    const stripeDelivery = received.find((r) => r.path === '/webhooks/stripe')!;
    const event = new Stripe('sk_test_unused').webhooks.constructEvent(stripeDelivery.body, stripeDelivery.headers['stripe-signature']!, byProvider(results, 'stripe').secret!);
    expect(event.type).toBe('payment_intent.succeeded');
    const githubDelivery = received.find((r) => r.path === '/webhooks/github' && r.headers['x-github-event'] === 'issues')!;
    await expect(verify(byProvider(results, 'github').secret!, githubDelivery.body, githubDelivery.headers['x-hub-signature-256']!)).resolves.toBe(true);
  });

  it('lets only one of two instances starting together create the subscriptions', async () => {
    const [a, b] = [await start({ registerOnStartup: false }), await start({ registerOnStartup: false })];
    sandbox.faults.inject('stripe', { delayMs: 200, method: 'GET' });
    const [ra, rb] = await Promise.all([a.ensureAll(), b.ensureAll()]);
    expect(sandbox.state.stripe.webhookEndpoints.size).toBe(1);
    expect(sandbox.state.github.hooks.size).toBe(1);
    expect(sandbox.state.shopify.webhooks.size).toBe(2);
    expect(byProvider(ra, 'stripe').secret).toBe(byProvider(rb, 'stripe').secret);
  });

  it('adds missing topics to an existing endpoint and hook, and re-enables a disabled endpoint', async () => {
    const registrar = await start();
    const endpoint = [...sandbox.state.stripe.webhookEndpoints.values()][0]!;
    endpoint.status = 'disabled';
    const stripe = await registrar.ensure({ connector: 'stripe', topics: ['customer.created'] });
    expect(stripe).toMatchObject({ changed: true, ids: [endpoint.id], secret: endpoint.secret });
    expect(endpoint).toMatchObject({ status: 'enabled', enabled_events: ['payment_intent.succeeded', 'charge.refunded', 'customer.created'] });
    const github = await registrar.ensure({ connector: 'github', topics: ['pull_request'], repository: 'aiwire-demo/storefront' });
    expect(github.changed).toBe(true);
    expect([...sandbox.state.github.hooks.values()][0]!.hook.events).toEqual(['issues', 'push', 'pull_request']);
  });

  it('takes over a GitHub hook whose secret it never saw by setting a new one', async () => {
    sandbox.state.github.createHook(sandbox.url, 'aiwire-demo', 'storefront', { active: true, events: ['issues'], config: { url: `${publicUrl}/github`, content_type: 'json', insecure_ssl: '0' }, secret: 'set-by-hand' });
    const result = await (await start({ registerOnStartup: false })).ensure(subscriptions()[2]!);
    expect(result.changed).toBe(true);
    expect(result.secret).not.toBe('set-by-hand');
    expect([...sandbox.state.github.hooks.values()][0]!.secret).toBe(result.secret);
  });

  it('warns about a Stripe endpoint whose secret it never saw, or recreates it when allowed', async () => {
    const stale = sandbox.state.stripe.createWebhookEndpoint({ url: `${publicUrl}/stripe`, enabled_events: ['*'] });
    const logs = new CapturingLogger();
    const registrar = await start({ registerOnStartup: false }, logs);
    const kept = await registrar.ensure({ connector: 'stripe', topics: ['charge.refunded'] });
    expect(kept).toMatchObject({ ids: [stale.id], changed: false });
    expect(kept.secret).toBeUndefined();
    expect(logs.text()).toMatch(/already exists but its signing secret was never seen here/);
    const recreated = await registrar.ensure({ connector: 'stripe', topics: ['charge.refunded'], recreateIfSecretUnknown: true });
    expect(recreated.ids[0]).not.toBe(stale.id);
    expect(sandbox.state.stripe.webhookEndpoints.has(stale.id)).toBe(false);
    expect(recreated.secret).toBe(sandbox.state.stripe.webhookEndpoints.get(recreated.ids[0]!)!.secret);
  });

  it('refuses subscriptions it cannot serve, naming the fix', async () => {
    const registrar = await start({ registerOnStartup: false });
    await expect(registrar.ensure({ connector: 'slack', topics: ['x'] })).rejects.toThrow(ConnectorConfigurationError);
    await expect(registrar.ensure({ connector: 'github', topics: ['push'] })).rejects.toThrow(/needs repository/);
    await expect(registrar.ensure({ connector: 'stripe', topics: [] })).rejects.toThrow(/at least one topic/);
    await expect(registrar.ensure({ connector: 'nope', topics: ['x'] })).rejects.toThrow(/No connector named "nope"/);
  });

  it('wraps a provider failure in WebhookRegistrationError; at startup it is logged, or fails the start when asked', async () => {
    sandbox.faults.inject('stripe', { status: 500, times: 100 });
    const logs = new CapturingLogger();
    const registrar = await start({ subscriptions: [subscriptions()[1]!] }, logs);
    expect(logs.text()).toMatch(/Could not ensure the webhook subscription of connector "stripe" to .*: stripe GET \/v1\/webhook_endpoints failed: HTTP 500/);
    expect(logs.text()).toMatch(/call WebhookRegistrar.ensureAll\(\) once the providers answer/);
    const error = await rejectionOf(registrar.ensureAll());
    expect(error).toBeInstanceOf(WebhookRegistrationError);
    // Four failed attempts at startup and one more now: the connector's circuit is open.
    expect(error.cause).toBeInstanceOf(CircuitOpenError);
    await expect(start({ subscriptions: [subscriptions()[1]!], failOnStartupError: true })).rejects.toThrow(WebhookRegistrationError);
  }, 30_000);
});
