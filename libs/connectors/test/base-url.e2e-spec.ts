import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import {
  ConnectorConfigurationError,
  type ConnectorOptions,
  type GitHubConnector,
  type HubSpotConnector,
  type ShopifyConnector,
  type SlackConnector,
  type StripeConnector,
} from '@aiwire/connectors';
import { rejectionOf, sandboxConnectors, startConnectors } from './connectors-fixtures.js';

/** A seeded Shopify customer. */
const MAYA = 7390384554201;

/**
 * `baseUrl` as users copy it from the vendors' SDKs and docs (`SLACK_API_URL=https://slack.com/api/`):
 * the API's own base path is part of every request path the connector sends, so it must not be
 * sent twice (`/api/api/chat.postMessage` → 404).
 */
describe('baseUrl written with the API’s own base path', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());
  afterEach(() => sandbox.state.requests.clear());

  /** Starts connector `name` of the sandbox fixtures with `baseUrl` replaced, runs `call`, closes. */
  async function reach<T>(name: string, baseUrl: (origin: string) => string, call: (connector: never) => Promise<T>, extra: Partial<ConnectorOptions> = {}): Promise<T> {
    const options = { ...sandboxConnectors(sandbox)[name]!, ...extra, baseUrl: baseUrl(sandbox.url) } as ConnectorOptions;
    const running = await startConnectors({ [name]: options });
    try {
      return await call(running.get(name) as never);
    } finally {
      await running.close();
    }
  }
  const routes = (service: Parameters<Sandbox['state']['requests']['filter']>[0]) => sandbox.state.requests.filter(service).map((r) => `${r.route} ${r.status}`);

  it.each(['', '/', '/api', '/api/'])('slack: %j reaches POST /api/chat.postMessage', async (path) => {
    const res = await reach('slack', (o) => `${o}${path}`, (slack: SlackConnector) => slack.postMessage({ channel: '#support', text: 'hello' }));
    expect(res.ok).toBe(true);
    expect(routes('slack')).toEqual(['POST /api/chat.postMessage 200']);
  });

  it.each(['', '/v1', '/v1/'])('stripe: %j reaches GET /v1/customers/:id', async (path) => {
    const customer = await reach('stripe', (o) => `${o}${path}`, (stripe: StripeConnector) => stripe.getCustomer('cus_Sbxliam000001'));
    expect(customer.id).toBe('cus_Sbxliam000001');
    expect(routes('stripe')).toEqual(['GET /v1/customers/:id 200']);
  });

  it.each([
    ['', '2025-01'],
    ['/admin', '2025-01'],
    ['/admin/', '2025-01'],
    ['/admin/api', '2025-01'],
    ['/admin/api/2025-01', '2025-01'],
    ['/admin/api/2024-10/', '2024-10'],
  ])('shopify: %j reaches GET /admin/api/%s/customers/:id', async (path, version) => {
    const customer = await reach('shopify', (o) => `${o}${path}`, async (shopify: ShopifyConnector) => {
      expect(shopify.apiVersion).toBe(version);
      return shopify.getCustomer(MAYA);
    });
    expect(customer.id).toBe(MAYA);
    expect(sandbox.state.requests.filter('shopify').map((r) => r.path)).toEqual([`/admin/api/${version}/customers/${MAYA}.json`]);
  });

  it.each(['', '/crm/v3', '/crm/v3/'])('hubspot: %j reaches GET /crm/v3/objects/contacts/:id', async (path) => {
    const contact = await reach('crm', (o) => `${o}${path}`, (crm: HubSpotConnector) => crm.getContact('101'));
    expect(contact.id).toBe('101');
    expect(routes('hubspot')).toEqual(['GET /crm/v3/objects/contacts/:id 200']);
  });

  it.each(['', '/'])('github: %j reaches GET /repos/:owner/:repo/hooks', async (path) => {
    await reach('github', (o) => `${o}${path}`, (github: GitHubConnector) => github.listHooks('aiwire-demo/storefront'));
    expect(routes('github')).toEqual(['GET /repos/:owner/:repo/hooks 200']);
  });

  it.each([
    ['slack', 'https://slack.com/api/chat.postMessage', {}, /baseUrl "https:\/\/slack\.com\/api\/chat\.postMessage" names a Web API method\. Write the API root, "https:\/\/slack\.com\/api"/],
    ['stripe', 'https://api.stripe.com/v2', {}, /ends with API version v2, but StripeConnector calls the \/v1 API\. Write "https:\/\/api\.stripe\.com\/v1" or "https:\/\/api\.stripe\.com"/],
    ['shopify', 'https://demo.myshopify.com/admin/api/2025-01/orders.json', {}, /names a resource\. Write "https:\/\/demo\.myshopify\.com\/admin\/api\/\{version\}"/],
    ['shopify', 'https://demo.myshopify.com/admin/api/latest', {}, /has "latest" where the Admin API version goes/],
    ['shopify', 'https://demo.myshopify.com/admin/api/2024-10', { apiVersion: '2025-01' }, /names API version 2024-10 but apiVersion is "2025-01"\. Write "https:\/\/demo\.myshopify\.com\/admin" and keep apiVersion, or drop apiVersion/],
    ['shopify', undefined, { apiVersion: 'v2025-01' }, /option "apiVersion" must be a Shopify Admin API version such as '2025-01'/],
    ['crm', 'https://api.hubapi.com/crm/v4', {}, /goes into the CRM API, .* Write "https:\/\/api\.hubapi\.com" or "https:\/\/api\.hubapi\.com\/crm\/v3"/],
    ['crm', 'https://api.hubapi.com/crm/v3/objects/contacts', {}, /goes into the CRM API/],
    ['crm', 'https://api.hubapi.com/crm', {}, /has a path HubSpot does not serve the API under/],
    ['github', 'https://github.com', {}, /is GitHub's website, not its API\. Write "https:\/\/api\.github\.com" \(GitHub Enterprise Server: "https:\/\/HOST\/api\/v3"\)/],
    ['github', 'https://api.github.com/v3', {}, /api\.github\.com serves the REST API at its root/],
  ] as const)('%s: refuses baseUrl %s with %j at startup, saying what to write', async (name, baseUrl, extra, message) => {
    const options = { ...sandboxConnectors(sandbox)[name]!, ...extra, baseUrl } as ConnectorOptions;
    const error = await rejectionOf(startConnectors({ [name]: options }));
    expect(error).toBeInstanceOf(ConnectorConfigurationError);
    expect(error.message).toMatch(message);
  });
});
