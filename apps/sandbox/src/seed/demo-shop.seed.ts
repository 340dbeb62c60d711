import type { SandboxState } from '../state/sandbox-state.js';
import { DEMO_HISTORY, DEMO_PEOPLE, DEMO_PRODUCTS, DEMO_TICKETS, type DemoPersonKey, type DemoProductKey } from './demo-shop.data.js';

const DAY = 86_400_000;

/** The same three people across Shopify, Stripe, HubSpot and the helpdesk, so the demo can join them by email. */
export const DEMO_CUSTOMERS = [
  { key: 'maya', firstName: 'Maya', lastName: 'Chen', email: 'maya.chen@example.com', phone: '+14155550101', city: 'San Francisco', province: 'California', zip: '94107' },
  { key: 'liam', firstName: 'Liam', lastName: "O'Connor", email: 'liam.oconnor@example.com', phone: '+13125550102', city: 'Chicago', province: 'Illinois', zip: '60607' },
  { key: 'sofia', firstName: 'Sofia', lastName: 'Rossi', email: 'sofia.rossi@example.com', phone: '+12125550103', city: 'New York', province: 'New York', zip: '10013' },
] as const;

/** One customer's ids in each system. */
export interface DemoShopCustomer {
  readonly shopifyId: number;
  readonly stripeId: string;
  readonly hubspotId: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
}

const ORIGINAL_IDS = { maya: 7_390_384_554_201, liam: 7_390_384_554_202, sofia: 7_390_384_554_203 } as const;
const ORIGINAL_CONTACTS = { maya: '101', liam: '102', sofia: '103' } as const;

/**
 * The ids of everything the demo shop seeds, for tests and the demo to name: `DEMO_SHOP.products.pourover`,
 * `DEMO_SHOP.customers.elise.hubspotId`. `lowStock` are the products seeded below 7 units; `vip` the big spenders.
 */
export const DEMO_SHOP: {
  readonly products: Readonly<Record<DemoProductKey, number>>;
  readonly customers: Readonly<Record<DemoPersonKey, DemoShopCustomer>>;
  readonly lowStock: readonly number[];
  readonly vip: readonly DemoPersonKey[];
} = {
  products: Object.fromEntries(Object.entries(DEMO_PRODUCTS).map(([key, p]) => [key, p.id])) as Record<DemoProductKey, number>,
  customers: Object.fromEntries([
    ...DEMO_CUSTOMERS.map((c) => [c.key, { shopifyId: ORIGINAL_IDS[c.key], stripeId: `cus_Sbx${c.key}000001`, hubspotId: ORIGINAL_CONTACTS[c.key], email: c.email, firstName: c.firstName, lastName: c.lastName }]),
    ...DEMO_PEOPLE.map((p, i) => [p.key, { shopifyId: 7_390_384_554_204 + i, stripeId: `cus_Sbx${p.key}000001`, hubspotId: String(106 + i), email: p.email, firstName: p.firstName, lastName: p.lastName }]),
  ]) as Record<DemoPersonKey, DemoShopCustomer>,
  lowStock: [DEMO_PRODUCTS.pourover.id, DEMO_PRODUCTS.backpack.id, DEMO_PRODUCTS.earbuds.id],
  vip: ['maya', 'elise'],
};

/** Loads the demo shop: customers, products, orders, their payments, CRM contacts and reviews. */
export function seedDemoShop(state: SandboxState, now = Date.now()): void {
  const { shopify, stripe, hubspot, helpdesk } = state;
  const ago = (days: number) => now - days * DAY;

  const products = [
    shopify.createProduct({ id: 8_790_123_450_001, title: 'Aurora Wireless Headphones', vendor: 'Aurora Audio', productType: 'Headphones', price: 129, sku: 'AUR-HP-01', tags: 'audio, wireless', description: '<p>Noise-cancelling, 30-hour battery.</p>', createdAt: ago(120) }),
    shopify.createProduct({ id: 8_790_123_450_002, title: 'Nimbus Running Shoes', vendor: 'Nimbus', productType: 'Shoes', price: 89.95, sku: 'NIM-RS-42', tags: 'running', description: '<p>Light trainers for daily runs.</p>', createdAt: ago(110) }),
    shopify.createProduct({ id: 8_790_123_450_003, title: 'Terra Ceramic Mug', vendor: 'Terra Goods', productType: 'Kitchen', price: 24.5, sku: 'TER-MUG-12', tags: 'kitchen, gift', createdAt: ago(100) }),
    shopify.createProduct({ id: 8_790_123_450_004, title: 'Lumen Desk Lamp', vendor: 'Lumen', productType: 'Lighting', price: 59, sku: 'LUM-DL-01', tags: 'office', createdAt: ago(90) }),
  ];
  const [headphones, shoes, mug, lamp] = products.map((p) => p.id) as [number, number, number, number];

  const ids = { maya: 7_390_384_554_201, liam: 7_390_384_554_202, sofia: 7_390_384_554_203 };
  for (const c of DEMO_CUSTOMERS) {
    shopify.createCustomer({
      id: ids[c.key],
      firstName: c.firstName,
      lastName: c.lastName,
      email: c.email,
      phone: c.phone,
      tags: c.key === 'maya' ? 'vip' : '',
      address: { address1: '1 Market St', city: c.city, province: c.province, country: 'United States', zip: c.zip, country_code: 'US' },
      createdAt: ago(80),
    });
    stripe.createCustomer({ id: `cus_Sbx${c.key}000001`, name: `${c.firstName} ${c.lastName}`, email: c.email, phone: c.phone, metadata: { shopify_customer_id: String(ids[c.key]) }, created: Math.floor(ago(80) / 1000) });
    hubspot.createContact({ email: c.email, firstname: c.firstName, lastname: c.lastName, phone: c.phone, lifecyclestage: 'customer', city: c.city, hs_lead_status: 'CONNECTED' });
  }
  hubspot.createContact({ email: 'noah.williams@example.org', firstname: 'Noah', lastname: 'Williams', lifecyclestage: 'lead', company: 'Williams & Co' });
  hubspot.createContact({ email: 'emma.schmidt@example.de', firstname: 'Emma', lastname: 'Schmidt', lifecyclestage: 'subscriber', company: 'Schmidt GmbH' });

  // Orders with their Stripe payment; Sofia's large order is the fraud-review case, Liam's was refunded.
  const orders: { customer: keyof typeof ids; items: [number, number][]; days: number; closed?: boolean; refunded?: boolean; risk?: [level: 'normal' | 'elevated', score: number] }[] = [
    { customer: 'maya', items: [[headphones, 1]], days: 60, closed: true },
    { customer: 'liam', items: [[shoes, 1]], days: 30, refunded: true },
    { customer: 'maya', items: [[mug, 2]], days: 20 },
    { customer: 'sofia', items: [[headphones, 2], [lamp, 3]], days: 3, risk: ['elevated', 78] },
    { customer: 'maya', items: [[lamp, 1]], days: 1 },
  ];
  orders.forEach((o, i) => {
    const n = 5_923_801_956_401 + i;
    const order = shopify.createOrder({
      id: n,
      customerId: ids[o.customer],
      lineItems: o.items.map(([productId, quantity]) => ({ productId, quantity })),
      closed: o.closed,
      fulfillmentStatus: o.days > 7 ? 'fulfilled' : null,
      financialStatus: o.refunded ? 'refunded' : 'paid',
      createdAt: ago(o.days),
    });
    stripe.createPayment({
      id: `pi_3Sbx${order.order_number}order0001`,
      chargeId: `ch_3Sbx${order.order_number}order0001`,
      customer: `cus_Sbx${o.customer}000001`,
      amount: Math.round(Number(order.total_price) * 100),
      description: `Shopify order ${order.name}`,
      metadata: { shopify_order_id: String(order.id), order_name: order.name },
      refunded: o.refunded ?? false,
      riskLevel: o.risk?.[0] ?? 'normal',
      riskScore: o.risk?.[1] ?? 8 + i,
      created: Math.floor(ago(o.days) / 1000),
    });
  });

  seedHistory(state, now);
  for (const c of DEMO_CUSTOMERS) {
    const contact = hubspot.contacts.get(ORIGINAL_CONTACTS[c.key]);
    if (contact) contact.properties.total_revenue = shopify.customers.get(ORIGINAL_IDS[c.key])?.total_spent ?? '0.00';
  }

  helpdesk.addReview({ id: 'rev_sbx0000000000001', product_id: String(headphones), customer_email: 'maya.chen@example.com', rating: 5, title: 'Best headphones I have owned', body: 'The noise cancelling is superb and the battery lasts all week.' });
  helpdesk.addReview({ id: 'rev_sbx0000000000002', product_id: String(shoes), customer_email: 'liam.oconnor@example.com', rating: 2, title: 'Fell apart after a month', body: 'The sole started peeling after four weeks of light running. Disappointed.' });
  helpdesk.addTicket({ id: 'tkt_sbx0000000000001', customer_email: 'liam.oconnor@example.com', subject: 'Refund for running shoes', body: 'The shoes broke; I would like a refund.', priority: 'normal', order_id: String(5_923_801_956_402) });
}

/** The twelve more customers with their forty past orders and payments, CRM contacts and tickets; then the stock levels. */
function seedHistory(state: SandboxState, now: number): void {
  const { shopify, stripe, hubspot } = state;
  const ago = (days: number) => now - days * DAY;
  for (const p of Object.values(DEMO_PRODUCTS)) {
    if (!('stock' in p)) continue;
    shopify.createProduct({ id: p.id, title: p.title, vendor: p.vendor, productType: p.productType, price: p.price, sku: p.sku, tags: p.tags, description: p.description, inventory: p.stock, createdAt: ago(75) });
  }
  for (const p of DEMO_PEOPLE) {
    const ids = DEMO_SHOP.customers[p.key];
    shopify.createCustomer({
      id: ids.shopifyId,
      firstName: p.firstName,
      lastName: p.lastName,
      email: p.email,
      phone: p.phone,
      tags: p.tags,
      address: { address1: '12 High Street', city: p.city, province: p.province, country: p.country, zip: p.zip, country_code: p.countryCode },
      createdAt: ago(p.since),
    });
    stripe.createCustomer({ id: ids.stripeId, name: `${p.firstName} ${p.lastName}`, email: p.email, phone: p.phone, metadata: { shopify_customer_id: String(ids.shopifyId) }, created: Math.floor(ago(p.since) / 1000) });
  }
  DEMO_HISTORY.forEach((o, i) => {
    const ids = DEMO_SHOP.customers[o.customer];
    const order = shopify.createOrder({
      id: 5_923_801_956_406 + i,
      customerId: ids.shopifyId,
      lineItems: o.items.map(([key, quantity]) => ({ productId: DEMO_PRODUCTS[key].id, quantity })),
      closed: o.days > 45,
      cancelled: o.cancelled,
      fulfillmentStatus: o.days > 7 && !o.cancelled ? 'fulfilled' : null,
      financialStatus: o.refunded || o.cancelled ? 'refunded' : 'paid',
      // A few hours off the whole day, so no two orders (nor their payments) share a second.
      createdAt: ago(o.days) - ((i % 7) + 1) * 3_600_000,
    });
    stripe.createPayment({
      id: `pi_3Sbx${order.order_number}order0001`,
      chargeId: `ch_3Sbx${order.order_number}order0001`,
      customer: ids.stripeId,
      amount: Math.round(Number(order.total_price) * 100),
      description: `Shopify order ${order.name}`,
      metadata: { shopify_order_id: String(order.id), order_name: order.name },
      refunded: Boolean(o.refunded || o.cancelled),
      riskLevel: o.risk?.[0] ?? 'normal',
      riskScore: o.risk?.[1] ?? 6 + ((i * 7) % 29),
      created: Math.floor(Date.parse(order.created_at) / 1000),
    });
  });
  DEMO_PEOPLE.forEach((p, i) => {
    const customer = shopify.customers.get(DEMO_SHOP.customers[p.key].shopifyId);
    const contact = hubspot.create(
      'contacts',
      { email: p.email, firstname: p.firstName, lastname: p.lastName, phone: p.phone, city: p.city, country: p.country, hs_language: p.language, lifecyclestage: customer && customer.orders_count > 0 ? 'customer' : 'lead', total_revenue: customer?.total_spent ?? '0.00' },
      new Date(ago(p.since)),
    );
    if (contact.id !== String(106 + i)) throw new Error(`The demo seed expected HubSpot contact ${106 + i} for ${p.email}, got ${contact.id}`);
  });
  for (const t of DEMO_TICKETS) {
    const contactId = DEMO_SHOP.customers[t.customer].hubspotId;
    const ticket = hubspot.create('tickets', { subject: t.subject, content: t.content, hs_pipeline: '0', hs_pipeline_stage: t.stage, hs_ticket_priority: t.priority, hs_ticket_category: t.category }, new Date(ago(t.days)));
    hubspot.associations.push({ fromType: 'tickets', fromId: ticket.id, toType: 'contacts', toId: contactId, associationTypeId: 16, associationCategory: 'HUBSPOT_DEFINED' });
  }
  for (const p of Object.values(DEMO_PRODUCTS)) if ('stock' in p) shopify.setInventory(p.id, p.stock);
}
