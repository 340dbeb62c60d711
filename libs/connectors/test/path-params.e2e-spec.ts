import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import {
  ConnectorRequestError,
  type GitHubConnector,
  type HubSpotConnector,
  type RestConnector,
  type ShopifyConnector,
  type StripeConnector,
} from '@aiwire/connectors';
import { captureEvents, rejectionOf, sandboxConnectors, startConnectors, type RunningConnectors } from './connectors-fixtures.js';

describe('path parameters "." and ".." never walk the API with the connector’s credentials', () => {
  let sandbox: Sandbox;
  let running: RunningConnectors;

  beforeAll(async () => {
    sandbox = await startSandbox();
    running = await startConnectors({ ...sandboxConnectors(sandbox), api: { kind: 'rest', baseUrl: `${sandbox.url}/v1` } });
  });
  afterEach(() => sandbox.state.requests.clear());
  afterAll(async () => {
    await running.close();
    await sandbox.close();
  });

  // Unchecked, each of these reaches another endpoint than the method names: `getCustomer('..')`
  // is GET /v1/ (WHATWG resolves the dot segment before sending), `%2e%2e` is resolved by servers.
  const calls: [string, () => Promise<unknown>][] = [
    ['stripe.getCustomer("..")', () => running.get<StripeConnector>('stripe').getCustomer('..')],
    ['stripe.deleteWebhookEndpoint("%2e%2e")', () => running.get<StripeConnector>('stripe').deleteWebhookEndpoint('%2e%2e')],
    ['shopify.getOrder(".")', () => running.get<ShopifyConnector>('shopify').getOrder('.')],
    ['shopify.deleteWebhook("%2E.")', () => running.get<ShopifyConnector>('shopify').deleteWebhook('%2E.')],
    ['hubspot.getContact("..%2F..%2Fobjects%2Ftickets")', () => running.get<HubSpotConnector>('crm').getContact('..%2F..%2Fobjects%2Ftickets')],
    ['hubspot.list("..")', () => running.get<HubSpotConnector>('crm').list('..').toArray()],
    ['github.listHooks("aiwire-demo/..")', () => running.get<GitHubConnector>('github').listHooks('aiwire-demo/..')],
    ['rest {id} "../charges"', () => running.get<RestConnector>('api').request({ method: 'DELETE', path: '/customers/{id}', params: { id: '../charges' } })],
    ['rest template "/customers/%2e%2e/charges"', () => running.get<RestConnector>('api').request({ method: 'GET', path: '/customers/%2e%2e/charges' })],
  ];

  it.each(calls)('%s is refused with ConnectorRequestError before any request', async (_, call) => {
    const events = captureEvents();
    try {
      const error = await rejectionOf(call());
      expect(error).toBeInstanceOf(ConnectorRequestError);
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toMatch(/is or decodes to "\." or "\.\.", which would move the call to another path of the API/);
      expect(error.message).toMatch(/the call was not sent/);
      expect(sandbox.state.requests.entries).toEqual([]);
      expect(sandbox.state.oauth.requests).toHaveLength(0);
      expect(events.attempts).toHaveLength(0);
    } finally {
      events.stop();
    }
  });

  it('ordinary ids with dots still go out', async () => {
    await expect(running.get<StripeConnector>('stripe').getCustomer('cus_Sbxliam000001')).resolves.toMatchObject({ id: 'cus_Sbxliam000001' });
    const error = await rejectionOf(running.get<StripeConnector>('stripe').getCustomer('cus.with...dots'));
    expect(error).toMatchObject({ status: 404 });
    expect(sandbox.state.requests.filter('stripe').map((r) => r.path)).toEqual(['/v1/customers/cus_Sbxliam000001', '/v1/customers/cus.with...dots']);
  });
});
