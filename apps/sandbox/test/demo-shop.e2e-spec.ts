import { DEMO_CUSTOMERS, DEMO_HISTORY, DEMO_PEOPLE, DEMO_PRODUCTS, DEMO_SHOP, startSandbox, type Sandbox } from '../src/index.js';

const DAY = 86_400_000;

describe('the demo shop seed', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await startSandbox();
  });
  afterEach(() => sandbox.close());

  it('keeps the original three customers, four products and five orders as they were', () => {
    const { shopify, stripe } = sandbox.state;
    expect(DEMO_CUSTOMERS.map((c) => DEMO_SHOP.customers[c.key].shopifyId)).toEqual([7_390_384_554_201, 7_390_384_554_202, 7_390_384_554_203]);
    expect([1, 2, 3, 4].map((n) => shopify.products.get(8_790_123_450_000 + n)?.title)).toEqual(['Aurora Wireless Headphones', 'Nimbus Running Shoes', 'Terra Ceramic Mug', 'Lumen Desk Lamp']);
    expect([1, 2, 3, 4, 5].map((n) => shopify.orders.get(5_923_801_956_400 + n)?.name)).toEqual(['#1001', '#1002', '#1003', '#1004', '#1005']);
    expect(shopify.customers.get(DEMO_SHOP.customers.maya.shopifyId)).toMatchObject({ orders_count: 3, tags: 'vip' });
    expect(stripe.paymentIntents.get('pi_3Sbx1004order0001')?.customer).toBe('cus_Sbxsofia000001');
    expect(sandbox.state.hubspot.contacts.get('101')?.properties).toMatchObject({ email: 'maya.chen@example.com', total_revenue: shopify.customers.get(DEMO_SHOP.customers.maya.shopifyId)?.total_spent });
  });

  it('has every customer in Shopify, Stripe (metadata.shopify_customer_id) and HubSpot (with total_revenue), joined by email', () => {
    const { shopify, stripe, hubspot } = sandbox.state;
    expect(Object.keys(DEMO_SHOP.customers)).toHaveLength(15);
    for (const [key, ids] of Object.entries(DEMO_SHOP.customers)) {
      const customer = shopify.customers.get(ids.shopifyId);
      expect(customer?.email, key).toBe(ids.email);
      expect(stripe.customers.get(ids.stripeId)).toMatchObject({ email: ids.email, metadata: { shopify_customer_id: String(ids.shopifyId) } });
      expect(hubspot.contacts.get(ids.hubspotId)?.properties).toMatchObject({ email: ids.email, firstname: ids.firstName, lastname: ids.lastName, total_revenue: customer?.total_spent });
    }
    const names = DEMO_PEOPLE.map((p) => `${p.firstName} ${p.lastName}`);
    expect(names).toEqual(expect.arrayContaining(['Élise Moreau', 'Tomasz Kowalski', 'Giulia Bianchi', 'Jonas Becker', 'Zofia Wiśniewska']));
    const elise = shopify.customers.get(DEMO_SHOP.customers.elise.shopifyId)!;
    expect(elise.tags).toContain('vip');
    expect(Number(elise.total_spent)).toBeGreaterThan(Math.max(...[...shopify.customers.values()].filter((c) => c.id !== elise.id).map((c) => Number(c.total_spent))));
    expect(shopify.customers.get(DEMO_SHOP.customers.zofia.shopifyId)?.orders_count).toBe(0);
  });

  it('has forty past orders over the last 60 days, each paid through Stripe, and a rising outdoor trend', () => {
    const { shopify, stripe } = sandbox.state;
    const now = Date.now();
    const history = [...shopify.orders.values()].filter((o) => o.id > 5_923_801_956_405);
    expect(history).toHaveLength(DEMO_HISTORY.length);
    expect(history).toHaveLength(40);
    for (const order of history) {
      const age = now - Date.parse(order.created_at);
      expect(age).toBeGreaterThan(0);
      expect(age).toBeLessThan(60 * DAY);
      const intent = stripe.paymentIntents.get(`pi_3Sbx${order.order_number}order0001`);
      expect(intent).toMatchObject({ amount: Math.round(Number(order.total_price) * 100), metadata: { shopify_order_id: String(order.id) } });
      expect(stripe.charges.get(intent!.latest_charge!)?.payment_intent).toBe(intent!.id);
    }
    const units = (productId: number, from: number, to: number) =>
      history.filter((o) => now - Date.parse(o.created_at) >= from * DAY && now - Date.parse(o.created_at) < to * DAY).flatMap((o) => o.line_items).filter((li) => li.product_id === productId).reduce((n, li) => n + li.quantity, 0);
    expect(units(DEMO_PRODUCTS.bottle.id, 0, 30)).toBeGreaterThan(units(DEMO_PRODUCTS.bottle.id, 30, 60));
    expect(units(DEMO_PRODUCTS.pourover.id, 0, 30)).toBeGreaterThan(units(DEMO_PRODUCTS.pourover.id, 30, 60));
  });

  it('has twelve products across six categories, three of them low on stock', () => {
    const products = [...sandbox.state.shopify.products.values()];
    expect(products).toHaveLength(12);
    expect(new Set(Object.values(DEMO_PRODUCTS).map((p) => p.category))).toEqual(new Set(['audio', 'footwear', 'kitchen', 'lighting', 'bags', 'outdoor']));
    const low = products.filter((p) => (p.variants[0]?.inventory_quantity ?? 0) < 7).map((p) => p.id);
    expect(low.sort()).toEqual([...DEMO_SHOP.lowStock].sort());
    expect(sandbox.state.shopify.products.get(DEMO_PRODUCTS.pourover.id)?.variants[0]?.inventory_quantity).toBe(3);
  });

  it('has past HubSpot tickets on three customers’ contacts', () => {
    const { hubspot } = sandbox.state;
    const withTickets = Object.entries(DEMO_SHOP.customers).filter(([, c]) => hubspot.associatedWith(c.hubspotId, 'tickets').length > 0).map(([key]) => key);
    expect(withTickets).toEqual(['elise', 'tomasz', 'giulia']);
    expect(hubspot.associatedWith(DEMO_SHOP.customers.tomasz.hubspotId, 'tickets').map((t) => t.properties.hs_ticket_category)).toEqual(['GENERAL_INQUIRY', 'BILLING_ISSUE']);
  });

  it('is the same shop every time', async () => {
    const other = await startSandbox();
    try {
      const shape = (s: Sandbox) => [...s.state.shopify.orders.values()].map((o) => [o.id, o.name, o.customer?.id, o.total_price, o.line_items.map((li) => [li.product_id, li.quantity])]);
      expect(shape(other)).toEqual(shape(sandbox));
      const stock = (s: Sandbox) => [...s.state.shopify.products.values()].map((p) => p.variants[0]?.inventory_quantity);
      expect(stock(other)).toEqual(stock(sandbox));
    } finally {
      await other.close();
    }
  });
});
