import { Inject, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import {
  ConnectorConfigurationError,
  ConnectorRegistry,
  ConnectorsModule,
  HubSpotConnector,
  InjectConnector,
  RestConnector,
  SecretNotFoundError,
  ShopifyConnector,
  SlackConnector,
  StripeConnector,
  env,
  getConnectorToken,
  type ConnectorsModuleOptions,
} from '@aiwire/connectors';
import { REDIS_URL, deleteKeys, rejectionOf, sandboxConnectors, uniquePrefix } from './connectors-fixtures.js';
import { generatePki, startMtlsServer, type MtlsServer, type TestPki } from './tls-fixtures.js';

/** A host service written the way the issue shows it. */
@Injectable()
class SupportDesk {
  constructor(
    @InjectConnector('slack') private readonly slack: SlackConnector,
    @InjectConnector('crm') private readonly crm: HubSpotConnector,
  ) {}

  async escalate(contactId: string): Promise<string> {
    await this.crm.updateContact(contactId, { ai_sentiment: 'negative' });
    await this.crm.createNote(contactId, 'Escalated by the review analysis.');
    const { ts } = await this.slack.postMessage({ channel: '#support', text: `Contact ${contactId} escalated` });
    return ts;
  }
}

/** Stands in for a ConfigService. */
@Injectable()
class AppConfig {
  constructor(readonly values: Record<string, string>) {}
}

describe('ConnectorsModule wiring', () => {
  let sandbox: Sandbox;
  let pki: TestPki;
  let erpServer: MtlsServer;
  const prefix = uniquePrefix('module');
  const ENV_NAMES = ['SLACK_BOT_TOKEN', 'STRIPE_SECRET_KEY', 'SHOPIFY_ADMIN_TOKEN', 'HUBSPOT_REFRESH_TOKEN', 'SLACK_API_URL', 'STRIPE_API_URL', 'SHOPIFY_API_URL', 'HUBSPOT_API_URL'];

  beforeAll(async () => {
    // The ERP requires a client certificate signed by its CA; the PKI is made for the test.
    pki = generatePki();
    erpServer = await startMtlsServer(pki);
  }, 60_000);
  afterAll(async () => {
    await erpServer.close();
    pki.remove();
    for (const name of ENV_NAMES) delete process.env[name];
  });
  beforeEach(async () => {
    sandbox = await startSandbox();
  });
  afterEach(async () => {
    await sandbox.close();
    await deleteKeys(prefix);
  });

  /** The issue's section 1 as written, the environment pointing the providers at the sandbox. */
  function issueOptions(): ConnectorsModuleOptions {
    const c = sandbox.credentials;
    Object.assign(process.env, {
      SLACK_BOT_TOKEN: c.slackBotToken,
      STRIPE_SECRET_KEY: c.stripeSecretKey,
      SHOPIFY_ADMIN_TOKEN: c.shopifyAccessToken,
      HUBSPOT_REFRESH_TOKEN: c.oauthRefreshToken,
      SLACK_API_URL: sandbox.urls.slack,
      STRIPE_API_URL: sandbox.urls.stripe,
      SHOPIFY_API_URL: sandbox.urls.shopify,
      HUBSPOT_API_URL: sandbox.urls.hubspot,
    });
    const { tokenUrl } = sandbox;
    const [clientId, clientSecret] = [c.oauthClientId, c.oauthClientSecret];
    const [cert, key, ca] = [pki.clientCert, pki.clientKey, pki.caCert];
    // erp.example.com does not resolve offline: the ERP is the local mTLS server, under the same /api path.
    const erpUrl = `${erpServer.url}/api`;
    return {
      redis: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
      connectors: {
        slack:   { kind: 'slack',   auth: { type: 'bearer', token: env('SLACK_BOT_TOKEN') }, baseUrl: process.env.SLACK_API_URL },
        stripe:  { kind: 'stripe',  auth: { type: 'bearer', token: env('STRIPE_SECRET_KEY') }, baseUrl: process.env.STRIPE_API_URL },
        shopify: { kind: 'shopify', shop: 'demo.myshopify.com', auth: { type: 'apiKey', header: 'X-Shopify-Access-Token', key: env('SHOPIFY_ADMIN_TOKEN') }, baseUrl: process.env.SHOPIFY_API_URL },
        crm:     { kind: 'hubspot', auth: { type: 'oauth2', tokenUrl, clientId, clientSecret, refreshToken: env('HUBSPOT_REFRESH_TOKEN') }, baseUrl: process.env.HUBSPOT_API_URL },
        erp:     { kind: 'rest', baseUrl: erpUrl, auth: { type: 'mtls', cert, key, ca } },
      },
      keyPrefix: prefix, // not in the issue: the tests share one Redis
    };
  }

  it("forRoot: the issue's section 1 as written — every call, the mTLS ERP included, through connectors injected as their classes", async () => {
    @Module({ imports: [ConnectorsModule.forRoot(issueOptions())], providers: [SupportDesk] })
    class AppModule {}
    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    try {
      const ts = await app.get(SupportDesk).escalate('103');
      expect(sandbox.state.slack.messagesIn('#support')[0]?.ts).toBe(ts);
      expect(sandbox.state.hubspot.contacts.get('103')?.properties.ai_sentiment).toBe('negative');
      expect(sandbox.state.hubspot.associatedWith('103', 'notes')).toHaveLength(1);

      const slack = app.get<SlackConnector>(getConnectorToken('slack'));
      const crm = app.get<HubSpotConnector>(getConnectorToken('crm'));
      const shopify = app.get<ShopifyConnector>(getConnectorToken('shopify'));
      const stripe = app.get<StripeConnector>(getConnectorToken('stripe'));
      const erp = app.get<RestConnector>(getConnectorToken('erp'));
      expect([slack, crm, shopify, stripe, erp].map((c) => c.constructor)).toEqual([SlackConnector, HubSpotConnector, ShopifyConnector, StripeConnector, RestConnector]);

      const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Negative review*' } }];
      await expect(slack.postMessage({ channel: '#support', text: '…', blocks })).resolves.toMatchObject({ ok: true, message: { blocks } });
      await expect(crm.getContact('101')).resolves.toMatchObject({ id: '101' });
      await expect(crm.updateContact('101', { ai_sentiment: 'negative' })).resolves.toMatchObject({ properties: { ai_sentiment: 'negative' } });
      await expect(crm.createNote('101', 'Negative review of order #1001')).resolves.toMatchObject({ properties: { hs_note_body: 'Negative review of order #1001' } });
      await expect(crm.createTicket({ subject: 'Refund request', contactId: '101' })).resolves.toMatchObject({ properties: { subject: 'Refund request' } });
      const maya = 7390384554201;
      await expect(shopify.getCustomer(maya)).resolves.toMatchObject({ id: maya });
      const orders = await shopify.listOrders({ customerId: maya });
      expect(orders.orders.every((o) => o.customer?.id === maya)).toBe(true);
      await expect(shopify.getProduct(8790123450001)).resolves.toMatchObject({ id: 8790123450001 });
      await expect(stripe.getPaymentIntent('pi_3Sbx1004order0001')).resolves.toMatchObject({ object: 'payment_intent' });
      await expect(stripe.getCustomer('cus_Sbxmaya000001')).resolves.toMatchObject({ id: 'cus_Sbxmaya000001' });
      const charges = await stripe.listCharges({ customer: 'cus_Sbxmaya000001' });
      expect(charges.data.length).toBeGreaterThan(0);
      expect(charges.data.every((ch) => ch.customer === 'cus_Sbxmaya000001')).toBe(true);
      const query = { status: 'open' };
      const body = { since: '2025-01-01' };
      await expect(erp.request({ method: 'GET', path: '/orders', query, body })).resolves.toEqual({
        client: 'aiwire-erp-client',
        authorization: null,
        path: '/api/orders?status=open',
        body: JSON.stringify(body),
      });
    } finally {
      await app.close();
    }
  });

  it('forRootAsync: options from an injected config, connectors declared by name', async () => {
    @Module({ providers: [{ provide: AppConfig, useValue: new AppConfig({ SLACK_URL: sandbox.urls.slack }) }], exports: [AppConfig] })
    class ConfigModule {}
    @Module({
      imports: [
        ConnectorsModule.forRootAsync({
          imports: [ConfigModule],
          inject: [AppConfig],
          connectorNames: ['slack', 'crm'],
          useFactory: (config: AppConfig) => {
            const options = issueOptions();
            return { ...options, connectors: { ...options.connectors, slack: { ...options.connectors.slack!, baseUrl: config.values.SLACK_URL } } };
          },
        }),
      ],
      providers: [SupportDesk],
    })
    class AppModule {}
    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    try {
      await app.get(SupportDesk).escalate('101');
      expect(sandbox.state.slack.messagesIn('#support')).toHaveLength(1);
      // Connectors not listed in connectorNames are still reachable through the registry.
      expect(app.get(ConnectorRegistry).get('stripe')).toBeInstanceOf(StripeConnector);
    } finally {
      await app.close();
    }
  });

  it('forRootAsync: refuses connectorNames the factory does not configure', async () => {
    const build = Test.createTestingModule({
      imports: [ConnectorsModule.forRootAsync({ connectorNames: ['slack', 'ghost'], useFactory: () => issueOptions() })],
    }).compile();
    const error = await rejectionOf(build);
    expect(error).toBeInstanceOf(ConnectorConfigurationError);
    expect(error.message).toMatch(/connectorNames lists "ghost", which the factory did not configure/);
  });

  it.each([
    [{ x: { kind: 'soap', baseUrl: 'https://x.test' } }, /kind "soap", which does not exist/],
    [{ x: { kind: 'rest' } }, /needs "baseUrl"/],
    [{ x: { kind: 'rest', baseUrl: 'ftp://x.test' } }, /must use http or https/],
    [{ x: { kind: 'rest', baseUrl: 'https://user:pw@x.test' } }, /must not carry credentials/],
    [{ x: { kind: 'shopify' } }, /needs "shop"/],
    [{ 'bad name': { kind: 'rest', baseUrl: 'https://x.test' } }, /must match/],
    [{ x: { kind: 'rest', baseUrl: 'https://x.test', rateLimit: { capacity: 0, refillPerSecond: 1 } } }, /rateLimit" needs capacity/],
    [{ x: { kind: 'rest', baseUrl: 'https://x.test', retry: { maxRetries: -1 } } }, /retry.maxRetries" must be an integer/],
  ])('refuses bad connector options at startup: %j', async (connectors, message) => {
    const build = Test.createTestingModule({ imports: [ConnectorsModule.forRoot({ redis: { url: REDIS_URL }, connectors: connectors as never })] }).compile();
    const error = await rejectionOf(build);
    expect(error).toBeInstanceOf(ConnectorConfigurationError);
    expect(error.message).toMatch(message);
  });

  it('resolves env() lazily: a missing secret fails the call, not the startup, with what to set', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ConnectorsModule.forRoot({ redis: { url: REDIS_URL }, keyPrefix: prefix, connectors: { slack: { kind: 'slack', baseUrl: sandbox.urls.slack, auth: { type: 'bearer', token: env('AIWIRE_UNSET_SLACK_TOKEN') } } } })],
    }).compile();
    const app = await moduleRef.init();
    try {
      const error = await rejectionOf(app.get<SlackConnector>(getConnectorToken('slack')).postMessage({ channel: '#support', text: 'x' }));
      expect(error).toBeInstanceOf(SecretNotFoundError);
      expect(error.message).toMatch(/Secret "AIWIRE_UNSET_SLACK_TOKEN" was not found \(looked in: environment variables/);
      expect(sandbox.state.requests.count('slack')).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('adds and removes connectors at run time through the registry', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ConnectorsModule.forRoot({ redis: { url: REDIS_URL }, keyPrefix: prefix, connectors: {} })] }).compile();
    const app = await moduleRef.init();
    try {
      const registry = app.get(ConnectorRegistry);
      const tenant = registry.add<StripeConnector>('tenant-42', sandboxConnectors(sandbox).stripe!);
      await expect(tenant.getCustomer('cus_Sbxliam000001')).resolves.toMatchObject({ id: 'cus_Sbxliam000001' });
      expect(registry.names()).toEqual(['tenant-42']);
      expect(() => registry.add('tenant-42', sandboxConnectors(sandbox).stripe!)).toThrow(/already exists/);
      await registry.remove('tenant-42');
      expect(() => registry.get('tenant-42')).toThrow(/No connector named "tenant-42"/);
    } finally {
      await app.close();
    }
  });

  it('shares a host-owned Redis client by duplicating it, and closes only its own', async () => {
    const { Redis } = await import('ioredis');
    const host = new Redis(REDIS_URL);
    try {
      const moduleRef = await Test.createTestingModule({
        imports: [ConnectorsModule.forRoot({ redis: host, keyPrefix: prefix, connectors: { stripe: sandboxConnectors(sandbox).stripe! } })],
      }).compile();
      const app = await moduleRef.init();
      await app.get<StripeConnector>(getConnectorToken('stripe')).getCustomer('cus_Sbxliam000001');
      await app.close();
      expect(host.status).toBe('ready');
      await expect(host.ping()).resolves.toBe('PONG');
    } finally {
      host.disconnect();
    }
  });

  it('can be injected by token in providers of the host', async () => {
    @Injectable()
    class Uses {
      constructor(@Inject(getConnectorToken('stripe')) readonly stripe: StripeConnector) {}
    }
    @Module({ imports: [ConnectorsModule.forRoot({ ...issueOptions(), isGlobal: true })], providers: [Uses] })
    class AppModule {}
    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    try {
      expect(app.get(Uses).stripe.name).toBe('stripe');
    } finally {
      await app.close();
    }
  });
});
