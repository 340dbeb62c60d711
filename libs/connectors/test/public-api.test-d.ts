// Compile-time tests of @aiwire/connectors' public API, checked by `npm run lint` (tsc). A line
// marked `@ts-expect-error` must NOT compile; if it ever does, tsc fails on the unused directive.
import type { DynamicModule } from '@nestjs/common';
import { Cluster } from 'ioredis';
import {
  ConnectorRegistry,
  ConnectorsModule,
  DEFAULT_CONNECTORS_OPTIONS,
  EnvSecretsProvider,
  FileSecretsProvider,
  InjectConnector,
  WebhookRegistrar,
  env,
  getConnectorToken,
  type Connector,
  type ConnectorOptions,
  type ConnectorResponse,
  type ConnectorsModuleOptions,
  type GitHubConnector,
  type GitHubHook,
  type HubSpotConnector,
  type HubSpotContact,
  type HubSpotObject,
  type HubSpotSearchResponse,
  type PagedList,
  type Secret,
  type SecretRef,
  type ShopifyConnector,
  type ShopifyFulfillmentOrder,
  type ShopifyOrder,
  type ShopifyOrdersPage,
  type ShopifyProduct,
  type ShopifyProductsPage,
  type SlackConnector,
  type SlackPostMessageResponse,
  type StripeConnector,
  type StripeCustomer,
  type StripeList,
  type StripePaymentIntent,
  type WebhookRegistration,
} from '@aiwire/connectors';

declare const cluster: Cluster;
const connectors = { crm: { kind: 'hubspot', auth: { type: 'bearer', token: env('HUBSPOT_TOKEN') } } } as const;

// forRoot: one Redis, a Redis Cluster (node list or instance), and the options known at declaration.
expectTypeOf(ConnectorsModule.forRoot({ redis: { url: 'redis://127.0.0.1:6379' }, connectors })).toEqualTypeOf<DynamicModule>();
ConnectorsModule.forRoot({ redis: { cluster: { nodes: ['redis://127.0.0.1:7000', 'redis://127.0.0.1:7001'] } }, connectors, keyPrefix: '{app}:connectors' });
ConnectorsModule.forRoot({ redis: { cluster: { nodes: [{ host: '127.0.0.1', port: 7000 }], options: { redisOptions: { password: 'p' } } } }, connectors });
ConnectorsModule.forRoot({ redis: cluster, connectors, isGlobal: true });
ConnectorsModule.forRoot({
  redis: { host: '127.0.0.1', port: 6379 },
  connectors: {
    erp: { kind: 'rest', baseUrl: 'https://erp.example.com/api', auth: [{ type: 'mtls', cert: env('CERT'), key: env('KEY') }, { type: 'apiKey', header: 'x-key', key: 'k' }] },
    shop: { kind: 'shopify', shop: 'demo.myshopify.com', apiVersion: '2025-01', rateLimit: false, retry: { maxRetries: 1, methods: ['GET'] } },
    pay: { kind: 'stripe', apiVersion: '2024-06-20', idempotency: { header: 'Idempotency-Key' }, circuitBreaker: { failureThreshold: 3 } },
    gh: { kind: 'github', auth: { type: 'oauth2', tokenUrl: 'https://github.com/login/oauth/access_token', clientId: 'c', clientSecret: env('S'), scope: ['repo'] } },
    chat: { kind: 'slack', auth: { type: 'jwt', algorithm: 'RS256', privateKey: env('PEM'), claims: { iss: 'me' } } },
  },
  secrets: [new EnvSecretsProvider({ prefix: 'APP_' }), new FileSecretsProvider({ directory: '/run/secrets' })],
  secretsCacheTtlMs: 60_000,
  encryptionKey: env('TOKEN_KEY'),
  defaults: { timeoutMs: 5_000, retry: false, headers: { 'x-app': 'shop' } },
  webhooks: { publicUrl: 'https://app.example.com/webhooks', subscriptions: [{ connector: 'gh', topics: ['push'], repository: 'acme/shop', secret: env('HOOK') }], failOnStartupError: true },
});
ConnectorsModule.forRootAsync({ connectorNames: ['crm'], useFactory: (): ConnectorsModuleOptions => ({ redis: { url: 'redis://x' }, connectors }) });
expectTypeOf<Parameters<typeof ConnectorsModule.forRoot>[0]>().toExtend<ConnectorsModuleOptions>();

// Wrong shapes do not compile.
// @ts-expect-error redis is required
ConnectorsModule.forRoot({ connectors });
// @ts-expect-error a kind that does not exist
ConnectorsModule.forRoot({ redis: { url: 'redis://x' }, connectors: { x: { kind: 'soap', baseUrl: 'https://x.test' } } });
// @ts-expect-error a shopify connector needs its shop
ConnectorsModule.forRoot({ redis: { url: 'redis://x' }, connectors: { x: { kind: 'shopify' } } });
// @ts-expect-error a rest connector needs its baseUrl
ConnectorsModule.forRoot({ redis: { url: 'redis://x' }, connectors: { x: { kind: 'rest' } } });
// @ts-expect-error an auth type that does not exist
ConnectorsModule.forRoot({ redis: { url: 'redis://x' }, connectors: { x: { kind: 'slack', auth: { type: 'oauth', token: 't' } } } });
// @ts-expect-error retry is options or false
ConnectorsModule.forRoot({ redis: { url: 'redis://x' }, connectors: { x: { kind: 'slack', retry: true } } });
// @ts-expect-error the cluster form takes nodes
ConnectorsModule.forRoot({ redis: { cluster: { hosts: ['redis://127.0.0.1:7000'] } }, connectors });

// Injection.
expectTypeOf(InjectConnector('crm')).toEqualTypeOf<PropertyDecorator & ParameterDecorator>();
expectTypeOf(getConnectorToken).toEqualTypeOf<(name: string) => string>();
// @ts-expect-error a connector is injected by its name
InjectConnector({ name: 'crm' });

// Secrets.
expectTypeOf(env('X')).toEqualTypeOf<SecretRef>();
expectTypeOf<string>().toExtend<Secret>();
expectTypeOf(DEFAULT_CONNECTORS_OPTIONS.timeoutMs).toEqualTypeOf<30_000>();

// The connectors' calls.
declare const slack: SlackConnector;
declare const stripe: StripeConnector;
declare const shopify: ShopifyConnector;
declare const crm: HubSpotConnector;
declare const github: GitHubConnector;
declare const registry: ConnectorRegistry;
declare const registrar: WebhookRegistrar;
expectTypeOf(slack.postMessage({ channel: '#support', text: 'hi' })).toEqualTypeOf<Promise<SlackPostMessageResponse>>();
expectTypeOf(slack.call<{ ok: true; ts: string }>('reactions.add', { channel: 'C1' })).toEqualTypeOf<Promise<{ ok: true; ts: string }>>();
expectTypeOf(stripe.getCustomer('cus_1')).toEqualTypeOf<Promise<StripeCustomer>>();
expectTypeOf(shopify.listOrders({ customerId: 1 })).toEqualTypeOf<PagedList<ShopifyOrder, ShopifyOrdersPage>>();
expectTypeOf(shopify.apiVersion).toEqualTypeOf<string>();
expectTypeOf(crm.updateContact('101', { ai_sentiment: 'negative', score: 3, vip: true })).toEqualTypeOf<Promise<HubSpotContact>>();
expectTypeOf(github.createHook('acme/shop', { events: ['push'], config: { url: 'https://x' } })).toEqualTypeOf<Promise<GitHubHook>>();
expectTypeOf(crm.request<{ id: string }>({ method: 'GET', path: '/crm/v3/objects/contacts/{id}', params: { id: '1' } })).toEqualTypeOf<Promise<{ id: string }>>();
expectTypeOf(crm.send<{ id: string }>({ method: 'GET', path: '/x' })).toEqualTypeOf<Promise<ConnectorResponse<{ id: string }>>>();
expectTypeOf(registry.get<SlackConnector>('chat')).toEqualTypeOf<SlackConnector>();
expectTypeOf(registry.add('tenant', { kind: 'stripe' })).toEqualTypeOf<Connector>();
expectTypeOf(registrar.ensure({ connector: 'gh', topics: ['push'], repository: 'acme/shop' })).toEqualTypeOf<Promise<WebhookRegistration>>();
expectTypeOf<ConnectorOptions['kind']>().toEqualTypeOf<'rest' | 'slack' | 'stripe' | 'shopify' | 'hubspot' | 'github'>();
// @ts-expect-error postMessage needs a channel
slack.postMessage({ text: 'hi' });
// @ts-expect-error a request needs a method
crm.request({ path: '/x' });
// @ts-expect-error HubSpot properties are strings, numbers, booleans or null
crm.updateContact('101', { tags: ['a'] });
// @ts-expect-error createHook needs the hook's config
github.createHook('acme/shop', { events: ['push'] });

// The e-commerce calls.
expectTypeOf(shopify.updateOrder(1, { tags: 'fraud-hold, reviewed', note: 'n' })).toEqualTypeOf<Promise<ShopifyOrder>>();
expectTypeOf(shopify.listFulfillmentOrders('1')).toEqualTypeOf<Promise<ShopifyFulfillmentOrder[]>>();
expectTypeOf(shopify.holdFulfillmentOrder(1, { reason: 'high_risk_of_fraud', reason_notes: 'score 78' })).toEqualTypeOf<Promise<ShopifyFulfillmentOrder>>();
expectTypeOf(shopify.releaseFulfillmentOrderHold(1)).toEqualTypeOf<Promise<ShopifyFulfillmentOrder>>();
expectTypeOf(shopify.listProducts({ ids: [1, '2'], fields: ['id'] })).toEqualTypeOf<PagedList<ShopifyProduct, ShopifyProductsPage>>();
expectTypeOf<ShopifyProduct['variants'][number]['inventory_quantity']>().toEqualTypeOf<number | undefined>();
shopify.listOrders({ created_at_min: new Date(), created_at_max: '2025-01-31T00:00:00Z' });
expectTypeOf(stripe.listPaymentIntents({ customer: 'cus_1', created: { gte: 1 } })).toEqualTypeOf<PagedList<StripePaymentIntent, StripeList<StripePaymentIntent>>>();
expectTypeOf(crm.search('tickets', { filterGroups: [{ filters: [{ propertyName: 'associations.contact', operator: 'EQ', value: '101' }] }] })).toEqualTypeOf<Promise<HubSpotSearchResponse<HubSpotObject>>>();
expectTypeOf(crm.searchContacts({ limit: 5 })).toEqualTypeOf<Promise<HubSpotSearchResponse<HubSpotContact>>>();
expectTypeOf(crm.findContactByEmail('a@example.com')).toEqualTypeOf<Promise<HubSpotContact | undefined>>();
// @ts-expect-error Shopify's tags are one comma-separated string
shopify.updateOrder(1, { tags: ['a', 'b'] });
// @ts-expect-error a hold needs one of Shopify's reasons
shopify.holdFulfillmentOrder(1, { reason: 'suspicious' });
// @ts-expect-error an operator HubSpot does not have
crm.searchContacts({ filterGroups: [{ filters: [{ propertyName: 'email', operator: 'LIKE', value: 'x' }] }] });
