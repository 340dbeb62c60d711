import { setTimeout as sleep } from 'node:timers/promises';
import { startSandbox, type Sandbox } from '../src/index.js';

type Json = Record<string, any>;
const MAYA = 7_390_384_554_201;

describe('Shopify Admin REST stand-in', () => {
  let sandbox: Sandbox;
  const get = async (pathOrUrl: string, init: { method?: string; body?: unknown; token?: string | null } = {}) => {
    const token = init.token === undefined ? sandbox.credentials.shopifyAccessToken : init.token;
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${sandbox.urls.shopify}/admin/api/2025-01/${pathOrUrl}`;
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      headers: { ...(token && { 'x-shopify-access-token': token }), ...(init.body !== undefined && { 'content-type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
  };

  beforeEach(async () => {
    sandbox = await startSandbox();
  });
  afterEach(() => sandbox.close());

  it('returns a customer and a product wrapped in their root keys', async () => {
    const customer = await get(`customers/${MAYA}.json`);
    expect(customer.status).toBe(200);
    expect(customer.body.customer).toMatchObject({ id: MAYA, email: 'maya.chen@example.com', orders_count: 3, admin_graphql_api_id: `gid://shopify/Customer/${MAYA}` });
    expect(customer.headers.get('x-shopify-api-version')).toBe('2025-01');
    const product = await get('products/8790123450001.json?fields=id,title');
    expect(product.body).toEqual({ product: { id: 8_790_123_450_001, title: 'Aurora Wireless Headphones' } });
  });

  it('answers 404 {"errors":"Not Found"} and 401 with Shopify’s message', async () => {
    expect(await get('customers/1.json')).toMatchObject({ status: 404, body: { errors: 'Not Found' } });
    const denied = await get(`customers/${MAYA}.json`, { token: 'shpat_wrong' });
    expect(denied.status).toBe(401);
    expect(denied.body).toEqual({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
    expect((await get(`customers/${MAYA}.json`, { token: null })).status).toBe(401);
  });

  it('lists open orders by default and every order with status=any', async () => {
    const open = await get(`orders.json?customer_id=${MAYA}`);
    expect(open.body.orders.map((o: Json) => o.name)).toEqual(['#1005', '#1003']);
    const any = await get(`customers/${MAYA}/orders.json?status=any`);
    expect(any.body.orders.map((o: Json) => o.name)).toEqual(['#1005', '#1003', '#1001']);
    expect(open.headers.get('link')).toBeNull();
  });

  it('pages with Link rel="next"/"previous" page_info URLs that keep the first filters', async () => {
    const names: string[] = [];
    let url: string | undefined = `orders.json?customer_id=${MAYA}&status=any&limit=1`;
    const links: string[] = [];
    while (url) {
      const page = await get(url);
      expect(page.status).toBe(200);
      names.push(...page.body.orders.map((o: Json) => o.name));
      const link = page.headers.get('link') ?? '';
      links.push(link);
      url = /<([^>]+)>; rel="next"/.exec(link)?.[1];
      if (url) {
        expect(url.startsWith(`${sandbox.urls.shopify}/admin/api/2025-01/orders.json?limit=1&page_info=`)).toBe(true);
        expect(url).not.toContain('customer_id');
      }
    }
    expect(names).toEqual(['#1005', '#1003', '#1001']);
    expect(links[0]).not.toContain('rel="previous"');
    expect(links[1]).toMatch(/rel="previous", <.+>; rel="next"$/);
    const previous = /<([^>]+)>; rel="previous"/.exec(links[2] ?? '')?.[1];
    expect((await get(previous ?? '')).body.orders.map((o: Json) => o.name)).toEqual(['#1003']);
    expect(await get('orders.json?page_info=garbage')).toMatchObject({ status: 400, body: { errors: { page_info: 'Invalid value.' } } });
  });

  it('registers webhooks, refuses a duplicate with 422 and deletes them', async () => {
    const input = { webhook: { topic: 'orders/create', address: 'https://example.test/webhooks/shopify', format: 'json' } };
    const created = await get('webhooks.json', { method: 'POST', body: input });
    expect(created.status).toBe(201);
    expect(created.body.webhook).toMatchObject({ topic: 'orders/create', address: input.webhook.address, format: 'json', api_version: '2025-01' });
    expect(typeof created.body.webhook.id).toBe('number');

    const duplicate = await get('webhooks.json', { method: 'POST', body: input });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body).toEqual({ errors: { address: ['for this topic has already been taken'] } });

    const list = await get('webhooks.json?topic=orders/create');
    expect(list.body.webhooks).toHaveLength(1);
    expect(await get(`webhooks/${created.body.webhook.id}.json`, { method: 'DELETE' })).toMatchObject({ status: 200, body: {} });
    expect((await get(`webhooks/${created.body.webhook.id}.json`, { method: 'DELETE' })).status).toBe(404);
    expect(sandbox.state.shopify.webhooks.size).toBe(0);
  });

  it('validates webhook input like Shopify', async () => {
    const bad = await get('webhooks.json', { method: 'POST', body: { webhook: { topic: 'orders/exploded' } } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.topic[0]).toMatch(/^Invalid topic specified: orders\/exploded/);
    expect(bad.body.errors.address).toEqual(["can't be blank"]);
    expect(await get('webhooks.json', { method: 'POST', body: { topic: 'orders/create' } })).toMatchObject({
      status: 400,
      body: { errors: { webhook: 'Required parameter missing or invalid' } },
    });
  });

  it('reports the leaky bucket on every call and throttles with 429 and Retry-After: 2.0 when full', async () => {
    await sandbox.close();
    sandbox = await startSandbox({ limits: { shopifyBucket: { size: 3, leakPerSecond: 1 } } });
    const levels: string[] = [];
    for (let i = 0; i < 3; i++) levels.push((await get(`customers/${MAYA}.json`)).headers.get('x-shopify-shop-api-call-limit') ?? '');
    expect(levels).toEqual(['1/3', '2/3', '3/3']);
    const throttled = await get(`customers/${MAYA}.json`);
    expect(throttled.status).toBe(429);
    expect(throttled.body).toEqual({ errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' });
    expect(throttled.headers.get('retry-after')).toBe('2.0');
    expect(throttled.headers.get('x-shopify-shop-api-call-limit')).toBe('3/3');
    await sleep(1100); // leaks one marble at 1/s
    expect((await get(`customers/${MAYA}.json`)).status).toBe(200);
  });

  it('an injected 503 keeps Shopify’s body; the default bucket is 40', async () => {
    sandbox.faults.inject('shopify', { status: 503 });
    expect(await get(`customers/${MAYA}.json`)).toMatchObject({ status: 503, body: { errors: 'Unavailable Shop' } });
    expect((await get(`customers/${MAYA}.json`)).headers.get('x-shopify-shop-api-call-limit')).toMatch(/^\d+\/40$/);
  });
});
