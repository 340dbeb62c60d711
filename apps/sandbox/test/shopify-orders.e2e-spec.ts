import { DEMO_SHOP, startSandbox, type Sandbox } from '../src/index.js';

type Json = Record<string, any>;
const { products, customers } = DEMO_SHOP;

describe('Shopify Admin REST stand-in: order updates, fulfillment orders, products, date filters, stock', () => {
  let sandbox: Sandbox;
  const call = async (path: string, init: { method?: string; body?: unknown; version?: string } = {}) => {
    const url = path.startsWith('http') ? path : `${sandbox.urls.shopify}/admin/api/${init.version ?? '2025-01'}/${path}`;
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      headers: { 'x-shopify-access-token': sandbox.credentials.shopifyAccessToken, ...(init.body !== undefined && { 'content-type': 'application/json' }) },
      body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
  };
  const newOrder = (quantity = 1) => sandbox.state.shopify.createOrder({ customerId: customers.sofia.shopifyId, lineItems: [{ productId: products.lamp, quantity }] });

  beforeEach(async () => {
    sandbox = await startSandbox();
  });
  afterEach(() => sandbox.close());

  describe('PUT orders/:id.json', () => {
    it('replaces the tags with the one comma-separated string (trimmed, duplicates dropped) and sets note and email', async () => {
      const order = newOrder();
      const res = await call(`orders/${order.id}.json`, { method: 'PUT', body: { order: { id: order.id, tags: ' fraud-hold, reviewed ,Fraud-Hold,', note: 'Held: address mismatch', email: 'sofia.r@example.com' } } });
      expect(res.status).toBe(200);
      expect(res.body.order).toMatchObject({ id: order.id, tags: 'fraud-hold, reviewed', note: 'Held: address mismatch', email: 'sofia.r@example.com' });
      const again = await call(`orders/${order.id}.json`, { method: 'PUT', body: { order: { tags: 'approved' } } });
      expect(again.body.order).toMatchObject({ tags: 'approved', note: 'Held: address mismatch' });
      expect(sandbox.state.shopify.orders.get(order.id)?.tags).toBe('approved');
      expect((await call(`orders/${order.id}.json`)).body.order.tags).toBe('approved');
    });

    it('answers 404 for an unknown order, 400 without the order root and 422 keyed by field', async () => {
      expect(await call('orders/1.json', { method: 'PUT', body: { order: { tags: 'x' } } })).toMatchObject({ status: 404, body: { errors: 'Not Found' } });
      const order = newOrder();
      expect(await call(`orders/${order.id}.json`, { method: 'PUT', body: { tags: 'x' } })).toMatchObject({ status: 400, body: { errors: { order: 'Required parameter missing or invalid' } } });
      const bad = await call(`orders/${order.id}.json`, { method: 'PUT', body: { order: { email: 'not-an-email', tags: 'x'.repeat(41) } } });
      expect(bad).toMatchObject({ status: 422, body: { errors: { email: ['is invalid'], tags: ['is too long (maximum is 40 characters)'] } } });
      expect(sandbox.state.shopify.orders.get(order.id)?.tags).toBe('');
    });
  });

  describe('fulfillment orders', () => {
    it('creates one open fulfillment order per order, with every line item', async () => {
      const order = newOrder(2);
      const res = await call(`orders/${order.id}/fulfillment_orders.json`);
      expect(res.status).toBe(200);
      expect(res.body.fulfillment_orders).toHaveLength(1);
      const [fo] = res.body.fulfillment_orders;
      expect(fo).toMatchObject({
        order_id: order.id,
        status: 'open',
        request_status: 'unsubmitted',
        fulfillment_holds: [],
        supported_actions: ['request_fulfillment', 'create_fulfillment', 'hold'],
        line_items: [{ line_item_id: order.line_items[0]!.id, quantity: 2, fulfillable_quantity: 2, variant_id: order.line_items[0]!.variant_id, fulfillment_order_id: fo.id }],
      });
      expect(fo.line_items[0].inventory_item_id).toBe(sandbox.state.shopify.products.get(products.lamp)?.variants[0]?.inventory_item_id);
      expect((await call(`fulfillment_orders/${fo.id}.json`)).body.fulfillment_order.id).toBe(fo.id);
      expect((await call('orders/1/fulfillment_orders.json')).status).toBe(404);
      // A seeded order older than a week was fulfilled: its fulfillment order is closed.
      const [maya1001] = sandbox.state.shopify.fulfillmentOrdersOf(5_923_801_956_401);
      expect(maya1001).toMatchObject({ status: 'closed', supported_actions: [] });
    });

    it('holds an open fulfillment order with a reason, and releases it', async () => {
      const order = newOrder();
      const [fo] = sandbox.state.shopify.fulfillmentOrdersOf(order.id);
      const held = await call(`fulfillment_orders/${fo!.id}/hold.json`, { method: 'POST', body: { fulfillment_hold: { reason: 'high_risk_of_fraud', reason_notes: 'Risk score 78', notify_merchant: true } } });
      expect(held.status).toBe(200);
      expect(held.body.fulfillment_order).toMatchObject({ id: fo!.id, status: 'on_hold', fulfillment_holds: [{ reason: 'high_risk_of_fraud', reason_notes: 'Risk score 78' }], supported_actions: ['release_hold', 'hold'] });
      expect(sandbox.state.shopify.fulfillmentOrders.get(fo!.id)?.status).toBe('on_hold');
      // From 2025-01 a held fulfillment order can be held again; the same hold is not added twice.
      const again = await call(`fulfillment_orders/${fo!.id}/hold.json`, { method: 'POST', body: { fulfillment_hold: { reason: 'high_risk_of_fraud', reason_notes: 'Risk score 78' } } });
      expect(again.body.fulfillment_order.fulfillment_holds).toHaveLength(1);
      const released = await call(`fulfillment_orders/${fo!.id}/release_hold.json`, { method: 'POST' });
      expect(released.body.fulfillment_order).toMatchObject({ status: 'open', fulfillment_holds: [], supported_actions: ['request_fulfillment', 'create_fulfillment', 'hold'] });
    });

    it('refuses holds Shopify refuses: 422 for a closed one (and an on-hold one before 2025-01), a bad reason; 400 without the root; 404', async () => {
      const closed = sandbox.state.shopify.fulfillmentOrdersOf(5_923_801_956_401)[0]!;
      const refused = await call(`fulfillment_orders/${closed.id}/hold.json`, { method: 'POST', body: { fulfillment_hold: { reason: 'other' } } });
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toEqual(["The fulfillment order's status must be open to apply a fulfillment hold, but it is closed."]);
      expect(closed.status).toBe('closed');

      const fo = sandbox.state.shopify.fulfillmentOrdersOf(newOrder().id)[0]!;
      expect(await call(`fulfillment_orders/${fo.id}/hold.json`, { method: 'POST', body: { fulfillment_hold: { reason: 'bored' } } })).toMatchObject({ status: 422, body: { errors: { reason: ['is not included in the list'] } } });
      expect(await call(`fulfillment_orders/${fo.id}/hold.json`, { method: 'POST', body: { fulfillment_hold: {} } })).toMatchObject({ status: 422, body: { errors: { reason: ["can't be blank"] } } });
      expect(await call(`fulfillment_orders/${fo.id}/hold.json`, { method: 'POST', body: { reason: 'other' } })).toMatchObject({ status: 400, body: { errors: { fulfillment_hold: 'Required parameter missing or invalid' } } });
      expect((await call(`fulfillment_orders/${fo.id}/release_hold.json`, { method: 'POST' })).status).toBe(422);
      expect((await call('fulfillment_orders/1/hold.json', { method: 'POST', body: { fulfillment_hold: { reason: 'other' } } })).status).toBe(404);

      const old = { version: '2024-10', method: 'POST', body: { fulfillment_hold: { reason: 'other' } } };
      expect((await call(`fulfillment_orders/${fo.id}/hold.json`, old)).body.fulfillment_order.supported_actions).toEqual(['release_hold']);
      expect((await call(`fulfillment_orders/${fo.id}/hold.json`, old)).status).toBe(422);
    });
  });

  describe('products.json', () => {
    it('lists products in id order with ids, fields and since_id, paging by Link', async () => {
      const all = await call('products.json?limit=250');
      const expected = [...sandbox.state.shopify.products.keys()].sort((a, b) => a - b);
      expect(all.body.products.map((p: Json) => p.id)).toEqual(expected);
      expect(all.body.products[0].variants[0]).toMatchObject({ product_id: expected[0], inventory_quantity: expect.any(Number), inventory_item_id: expect.any(Number), sku: 'AUR-HP-01' });

      const picked = await call(`products.json?ids=${products.pourover},${products.mug}&fields=id,title`);
      expect(picked.body.products).toEqual([{ id: products.mug, title: 'Terra Ceramic Mug' }, { id: products.pourover, title: 'Terra Pour-Over Coffee Set' }]);
      const since = await call(`products.json?since_id=${products.lantern - 1}`);
      expect(since.body.products.map((p: Json) => p.id)).toEqual([products.lantern]);

      const ids: number[] = [];
      let url: string | undefined = 'products.json?limit=5&fields=id';
      while (url) {
        const page = await call(url);
        ids.push(...page.body.products.map((p: Json) => p.id));
        url = /<([^>]+)>; rel="next"/.exec(page.headers.get('link') ?? '')?.[1];
        if (url) expect(url).toContain('/admin/api/2025-01/products.json?limit=5&fields=id&page_info=');
      }
      expect(ids).toEqual(expected);
    });
  });

  describe('created_at_min / created_at_max', () => {
    it('filters orders.json and a customer’s orders by creation time, and keeps the filter across pages', async () => {
      const day = 86_400_000;
      const min = new Date(Date.now() - 14 * day).toISOString();
      const max = new Date(Date.now() - 7 * day).toISOString();
      const expected = [...sandbox.state.shopify.orders.values()]
        .filter((o) => Date.parse(o.created_at) >= Date.parse(min) && Date.parse(o.created_at) <= Date.parse(max))
        .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id)
        .map((o) => o.id);
      expect(expected.length).toBeGreaterThan(3);
      const ids: number[] = [];
      let url: string | undefined = `orders.json?status=any&created_at_min=${encodeURIComponent(min)}&created_at_max=${encodeURIComponent(max)}&limit=2`;
      while (url) {
        const page = await call(url);
        ids.push(...page.body.orders.map((o: Json) => o.id));
        url = /<([^>]+)>; rel="next"/.exec(page.headers.get('link') ?? '')?.[1];
      }
      expect(ids).toEqual(expected);

      const elise = await call(`customers/${customers.elise.shopifyId}/orders.json?status=any&created_at_min=${encodeURIComponent(min)}`);
      const eliseExpected = [...sandbox.state.shopify.orders.values()].filter((o) => o.customer?.id === customers.elise.shopifyId && Date.parse(o.created_at) >= Date.parse(min));
      expect(elise.body.orders.map((o: Json) => o.id).sort()).toEqual(eliseExpected.map((o) => o.id).sort());
      expect(eliseExpected.length).toBeGreaterThan(1);
      expect(await call('orders.json?created_at_min=yesterday')).toMatchObject({ status: 400, body: { errors: { created_at_min: 'Invalid value.' } } });
    });
  });

  describe('stock', () => {
    it('takes ordered units off the variant’s inventory_quantity, and setInventory sets it', () => {
      const variant = () => sandbox.state.shopify.products.get(products.lamp)!.variants[0]!;
      sandbox.state.shopify.setInventory(products.lamp, 10);
      expect(variant().inventory_quantity).toBe(10);
      newOrder(3);
      expect(variant()).toMatchObject({ inventory_quantity: 7, old_inventory_quantity: 10 });
      sandbox.state.shopify.createOrder({ customerId: customers.sofia.shopifyId, lineItems: [{ productId: products.lamp, quantity: 2 }], cancelled: true });
      expect(variant().inventory_quantity).toBe(7);
      expect(() => sandbox.state.shopify.setInventory(1, 5)).toThrow('No Shopify product 1');
    });
  });
});
