import { Redis } from 'ioredis';
import { DEMO_SHOP, startSandbox, type Sandbox } from '@aiwire/sandbox';
import { ConnectorHttpError, type ShopifyConnector } from '@aiwire/connectors';
import { waitFor } from '../../../test/support/wait.js';
import { REDIS_URL, captureEvents, rejectionOf, sandboxConnectors, startConnectors, timed, type RunningConnectors } from './connectors-fixtures.js';

const MAYA = 7390384554201;
const LIAM = 7390384554202;
const HEADPHONES = 8790123450001;

describe('ShopifyConnector against the Shopify Admin REST stand-in', () => {
  let sandbox: Sandbox;
  let running: RunningConnectors;
  let shopify: ShopifyConnector;

  beforeEach(async () => {
    sandbox = await startSandbox();
    running = await startConnectors({ shopify: sandboxConnectors(sandbox).shopify! });
    shopify = running.get('shopify');
  });
  afterEach(async () => {
    await running.close();
    await sandbox.close();
  });

  it('reads a customer, a product and an order, unwrapped from Shopify’s envelope', async () => {
    await expect(shopify.getCustomer(MAYA)).resolves.toMatchObject({ id: MAYA, email: 'maya.chen@example.com', tags: expect.stringContaining('vip') });
    await expect(shopify.getProduct(HEADPHONES)).resolves.toMatchObject({ id: HEADPHONES, variants: [expect.objectContaining({ product_id: HEADPHONES })] });
    const [order] = (await shopify.listOrders({ customerId: MAYA, status: 'any', limit: 1 })).orders;
    await expect(shopify.getOrder(order!.id)).resolves.toMatchObject({ id: order!.id, customer: { id: MAYA } });
    expect(sandbox.state.requests.entries.every((r) => r.path.startsWith('/admin/api/2025-01/'))).toBe(true);
  });

  it("lists a customer's orders from the customer's own list; open ones by default, as Shopify does", async () => {
    const all = await shopify.listOrders({ customerId: MAYA, status: 'any' }).toArray();
    const expected = [...sandbox.state.shopify.orders.values()].filter((o) => o.customer?.id === MAYA);
    expect(all.map((o) => o.id).sort()).toEqual(expected.map((o) => o.id).sort());
    const open = await shopify.listOrders({ customerId: MAYA }).toArray();
    expect(open.every((o) => !o.closed_at && !o.cancelled_at)).toBe(true);
    expect(open.length).toBeLessThan(all.length);
    expect(sandbox.state.requests.count('shopify', 'GET /admin/api/:version/customers/:id/orders.json')).toBe(2);
  });

  it('walks every page through the Link header, sending only page_info after the first request', async () => {
    for (let i = 0; i < 5; i++) sandbox.state.shopify.createOrder({ customerId: LIAM, lineItems: [{ productId: HEADPHONES, quantity: 1 }] });
    // Newest first: by created_at, then by id (the seeded history is older than its ids suggest).
    const expected = [...sandbox.state.shopify.orders.values()].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id).map((o) => o.id);
    const first = await shopify.listOrders({ status: 'any', limit: 2 });
    expect(first.orders.map((o) => o.id)).toEqual(expected.slice(0, 2));
    expect(first.nextPageInfo).toBeTruthy();
    const before = sandbox.state.requests.count('shopify');
    const ids = [];
    for await (const order of shopify.listOrders({ status: 'any', limit: 2, fields: ['id', 'name'] })) ids.push(order.id);
    expect(ids).toEqual(expected);
    const walk = sandbox.state.requests.filter('shopify').slice(before).map((r) => new URL(r.path, 'http://x').searchParams);
    expect(walk).toHaveLength(Math.ceil(expected.length / 2));
    expect(walk[0]?.get('status')).toBe('any');
    for (const later of walk.slice(1)) {
      expect(later.get('page_info')).toBeTruthy();
      expect(later.get('status')).toBeNull();
      expect(later.get('fields')).toBe('id,name');
    }
  });

  it('fails a 404 with Shopify’s message and no provider code', async () => {
    const error = await rejectionOf(shopify.getCustomer(1));
    expect(error).toBeInstanceOf(ConnectorHttpError);
    expect(error).toMatchObject({ status: 404, providerMessage: 'Not Found', code: undefined, attempts: 1 });
  });

  it('waits out a 429 for the Retry-After: 2.0 Shopify sends with a full bucket', async () => {
    sandbox.faults.inject('shopify', { status: 429 });
    const { value, ms } = await timed(() => shopify.getProduct(HEADPHONES));
    expect(value.id).toBe(HEADPHONES);
    expect(ms).toBeGreaterThanOrEqual(2000);
    expect(ms).toBeLessThan(2600);
  });

  it('lowers the shared bucket to what X-Shopify-Shop-Api-Call-Limit reports, pacing the next calls so none draws a 429', async () => {
    // Another app (a plain client) has nearly filled the shop's bucket: 37 of 40.
    for (let i = 0; i < 37; i++) {
      await fetch(`${sandbox.urls.shopify}/admin/api/2025-01/products/${HEADPHONES}.json`, { headers: { 'x-shopify-access-token': sandbox.credentials.shopifyAccessToken } });
    }
    await shopify.getProduct(HEADPHONES); // answered with 38/40
    const redis = new Redis(REDIS_URL);
    try {
      const level = await waitFor(async () => {
        const tokens = Number(await redis.hget(`${running.prefix}:ratelimit:shopify`, 'tokens'));
        return tokens <= 2.5 ? tokens : undefined;
      }, 2000, 'the bucket to be lowered');
      expect(level).toBeGreaterThanOrEqual(1.5);
    } finally {
      redis.disconnect();
    }
    const events = captureEvents();
    try {
      const { ms } = await timed(async () => {
        for (let i = 0; i < 4; i++) await shopify.getProduct(HEADPHONES);
      });
      // 2 slots left, then one every 500 ms (40 per bucket leaking 2/s) — waited in our bucket, not after a 429.
      expect(ms).toBeGreaterThanOrEqual(700);
      expect(events.attempts.map((a) => a.attributes['http.response.status_code'])).toEqual([200, 200, 200, 200]);
      expect(events.attempts.reduce((sum, a) => sum + a.rateLimitWaitMs, 0)).toBeGreaterThanOrEqual(700);
      expect(sandbox.state.requests.filter('shopify').map((r) => r.status)).toEqual(Array(42).fill(200));
    } finally {
      events.stop();
    }
  });

  it('manages webhooks: create, list by address, delete', async () => {
    const created = await shopify.createWebhook({ topic: 'orders/create', address: 'https://hooks.example.com/shopify' });
    expect(created).toMatchObject({ topic: 'orders/create', address: 'https://hooks.example.com/shopify', format: 'json' });
    expect(await shopify.listWebhooks({ address: 'https://hooks.example.com/shopify' })).toHaveLength(1);
    const duplicate = await rejectionOf(shopify.createWebhook({ topic: 'orders/create', address: 'https://hooks.example.com/shopify' }));
    expect(duplicate).toMatchObject({ status: 422, providerMessage: 'address for this topic has already been taken' });
    await shopify.deleteWebhook(created.id);
    expect(sandbox.state.shopify.webhooks.size).toBe(0);
  });

  it('tags an order and writes its note: tags are one string that replaces them', async () => {
    const order = sandbox.state.shopify.createOrder({ customerId: LIAM, lineItems: [{ productId: HEADPHONES, quantity: 1 }] });
    const updated = await shopify.updateOrder(order.id, { tags: 'fraud-hold, reviewed', note: 'Held by the fraud check' });
    expect(updated).toMatchObject({ id: order.id, tags: 'fraud-hold, reviewed', note: 'Held by the fraud check' });
    await shopify.updateOrder(String(order.id), { tags: 'approved' });
    expect(sandbox.state.shopify.orders.get(order.id)).toMatchObject({ tags: 'approved', note: 'Held by the fraud check' });
    const [put] = sandbox.state.requests.filter('shopify', 'PUT /admin/api/:version/orders/:id.json');
    expect(put?.path).toBe(`/admin/api/2025-01/orders/${order.id}.json`);
  });

  it('fails updateOrder with the typed error: 404 for an unknown order, 422 with Shopify’s field message', async () => {
    const missing = await rejectionOf(shopify.updateOrder(1, { tags: 'x' }));
    expect(missing).toBeInstanceOf(ConnectorHttpError);
    expect(missing).toMatchObject({ status: 404, providerMessage: 'Not Found', endpoint: '/admin/api/2025-01/orders/{id}.json' });
    const order = sandbox.state.shopify.createOrder({ customerId: LIAM, lineItems: [{ productId: HEADPHONES, quantity: 1 }] });
    const invalid = await rejectionOf(shopify.updateOrder(order.id, { email: 'nope' }));
    expect(invalid).toBeInstanceOf(ConnectorHttpError);
    expect(invalid).toMatchObject({ status: 422, providerMessage: 'email is invalid', attempts: 1 });
  });

  it("holds an order's open fulfillment order, and releases it", async () => {
    const order = sandbox.state.shopify.createOrder({ customerId: LIAM, lineItems: [{ productId: HEADPHONES, quantity: 2 }] });
    const [fo, ...others] = await shopify.listFulfillmentOrders(order.id);
    expect(others).toHaveLength(0);
    expect(fo).toMatchObject({ order_id: order.id, status: 'open', fulfillment_holds: [], line_items: [{ line_item_id: order.line_items[0]!.id, quantity: 2, fulfillable_quantity: 2 }] });
    expect(fo!.supported_actions).toContain('hold');
    const held = await shopify.holdFulfillmentOrder(fo!.id, { reason: 'high_risk_of_fraud', reason_notes: 'Risk score 78', notify_merchant: true });
    expect(held).toMatchObject({ id: fo!.id, status: 'on_hold', fulfillment_holds: [{ reason: 'high_risk_of_fraud', reason_notes: 'Risk score 78' }] });
    expect(sandbox.state.shopify.fulfillmentOrders.get(fo!.id)?.status).toBe('on_hold');
    const released = await shopify.releaseFulfillmentOrderHold(fo!.id);
    expect(released).toMatchObject({ status: 'open', fulfillment_holds: [] });
  });

  it('fails holdFulfillmentOrder with the typed 422 when the fulfillment order is not open, and 404 for an unknown order', async () => {
    const [closed] = await shopify.listFulfillmentOrders(5_923_801_956_401); // Maya's #1001, fulfilled
    expect(closed?.status).toBe('closed');
    const error = await rejectionOf(shopify.holdFulfillmentOrder(closed!.id, { reason: 'other' }));
    expect(error).toBeInstanceOf(ConnectorHttpError);
    expect(error).toMatchObject({ status: 422, attempts: 1, providerMessage: "The fulfillment order's status must be open to apply a fulfillment hold, but it is closed." });
    expect(sandbox.state.requests.count('shopify', 'POST /admin/api/:version/fulfillment_orders/:id/hold.json')).toBe(1);
    expect(await rejectionOf(shopify.listFulfillmentOrders(1))).toMatchObject({ status: 404 });
    expect(await rejectionOf(shopify.releaseFulfillmentOrderHold(closed!.id))).toMatchObject({ status: 422 });
  });

  it('lists products with their variants’ stock, by ids and fields, walking the Link pages', async () => {
    const expected = [...sandbox.state.shopify.products.keys()].sort((a, b) => a - b);
    const all = await shopify.listProducts({ limit: 5 }).toArray();
    expect(all.map((p) => p.id)).toEqual(expected);
    const pourover = all.find((p) => p.id === DEMO_SHOP.products.pourover);
    expect(pourover?.variants[0]).toMatchObject({ product_id: DEMO_SHOP.products.pourover, sku: 'TER-PO-01', inventory_quantity: 3, inventory_item_id: expect.any(Number), price: '42.00' });
    const picked = await shopify.listProducts({ ids: [DEMO_SHOP.products.mug, DEMO_SHOP.products.lamp], fields: ['id', 'title'] });
    expect(picked.products).toEqual([{ id: DEMO_SHOP.products.mug, title: 'Terra Ceramic Mug' }, { id: DEMO_SHOP.products.lamp, title: 'Lumen Desk Lamp' }]);
    expect(picked.nextPageInfo).toBeUndefined();
    const since = await shopify.listProducts({ since_id: DEMO_SHOP.products.lantern - 1 });
    expect(since.products.map((p) => p.id)).toEqual([DEMO_SHOP.products.lantern]);
    const walk = sandbox.state.requests.filter('shopify', 'GET /admin/api/:version/products.json').map((r) => new URL(r.path, 'http://x').searchParams);
    expect(walk.slice(1, Math.ceil(expected.length / 5)).every((q) => q.get('page_info') && q.get('ids') === null)).toBe(true);
  });

  it('lists orders created in a window (created_at_min / created_at_max as ISO 8601 from Dates)', async () => {
    const day = 86_400_000;
    const min = new Date(Date.now() - 20 * day);
    const max = new Date(Date.now() - 10 * day);
    const orders = await shopify.listOrders({ status: 'any', created_at_min: min, created_at_max: max.toISOString(), limit: 3 }).toArray();
    const expected = [...sandbox.state.shopify.orders.values()].filter((o) => Date.parse(o.created_at) >= min.getTime() && Date.parse(o.created_at) <= max.getTime());
    expect(orders.map((o) => o.id).sort()).toEqual(expected.map((o) => o.id).sort());
    expect(expected.length).toBeGreaterThan(3);
    const first = new URL(sandbox.state.requests.filter('shopify', 'GET /admin/api/:version/orders.json')[0]!.path, 'http://x').searchParams;
    expect(first.get('created_at_min')).toBe(min.toISOString());
    expect(first.get('created_at_max')).toBe(max.toISOString());
    const error = await rejectionOf(Promise.resolve(shopify.listOrders({ created_at_min: 'last week' })));
    expect(error).toBeInstanceOf(ConnectorHttpError);
    expect(error).toMatchObject({ status: 400, providerMessage: 'created_at_min Invalid value.' });
  });
});
