import type { Sandbox } from '@aiwire/sandbox';

/** Seeded ids (see apps/sandbox/README.md, "Data"). */
export const PRODUCTS = { headphones: 8790123450001, shoes: 8790123450002, mug: 8790123450003, lamp: 8790123450004 } as const;
export const PEOPLE = {
  maya: { shopifyId: 7_390_384_554_201, stripeId: 'cus_Sbxmaya000001', email: 'maya.chen@example.com' },
  liam: { shopifyId: 7_390_384_554_202, stripeId: 'cus_Sbxliam000001', email: 'liam.oconnor@example.com' },
  sofia: { shopifyId: 7_390_384_554_203, stripeId: 'cus_Sbxsofia000001', email: 'sofia.rossi@example.com' },
} as const;
const { maya, liam, sofia } = PEOPLE;

/** How many insights of each kind the script produces: what the demo waits for. */
export const EXPECTED = { recommendations: 2, reviews: 4, fraud: 4, payments: 1, tickets: 2 } as const;

/**
 * A morning at the shop, as the outside world sends it: storefront views (Standard Webhooks),
 * reviews and tickets (helpdesk HMAC), orders (Shopify) and a payment (Stripe) — each delivered by
 * the sandbox exactly as the provider would, to the subscriptions the app registered.
 */
export async function playDemoDay(sandbox: Sandbox, webhookUrl: string, storefrontSecret: string): Promise<void> {
  const helpdesk = (path: string, body: object) =>
    fetch(`${sandbox.urls.helpdesk}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': sandbox.credentials.helpdeskApiKey }, body: JSON.stringify(body) }).then(expectOk);
  const view = (customer: number, product: number) =>
    sandbox.sendWebhook(`${webhookUrl}/storefront`, 'standard', { type: 'product.viewed', payload: { customer_id: customer, product_id: product } }, storefrontSecret);

  await view(liam.shopifyId, PRODUCTS.headphones);
  await view(sofia.shopifyId, PRODUCTS.mug);

  await helpdesk('/helpdesk/reviews', { product_id: PRODUCTS.lamp, customer_email: maya.email, rating: 5, title: 'Beautiful warm light', body: 'The lamp gives a lovely warm light, the dimmer is smooth and the brass base feels solid and premium. Perfect for reading in the evening.' });
  await helpdesk('/helpdesk/reviews', { product_id: PRODUCTS.shoes, customer_email: liam.email, rating: 1, title: 'Fell apart', body: 'The sole came apart after two weeks of normal walking. Terrible quality, and the refund took forever. Very disappointed.' });
  await helpdesk('/helpdesk/reviews', { product_id: PRODUCTS.mug, customer_email: sofia.email, rating: 5, title: 'Tazza perfetta', body: 'Tazza bellissima, ottima qualità: il caffè resta caldo a lungo e il manico è comodo. La consiglio a tutti.' });
  await helpdesk('/helpdesk/reviews', { product_id: PRODUCTS.headphones, customer_email: maya.email, rating: 2, title: 'Arrivé abîmé', body: 'Livraison très lente et le casque est arrivé cassé. Le son est mauvais et je suis très déçue du service.' });

  const order = (customerId: number, lineItems: { productId: number; quantity: number }[], note?: string) =>
    sandbox.emit('shopify', 'orders/create', sandbox.state.shopify.createOrder({ customerId, lineItems, ...(note && { note }) }));
  await order(maya.shopifyId, [{ productId: PRODUCTS.mug, quantity: 1 }]);
  await order(sofia.shopifyId, [{ productId: PRODUCTS.lamp, quantity: 1 }]);
  await order(sofia.shopifyId, [{ productId: PRODUCTS.mug, quantity: 1 }]);
  await order(sofia.shopifyId, [{ productId: PRODUCTS.headphones, quantity: 6 }], 'URGENT: ship overnight to a different address, it is urgent, please hurry');

  const { paymentIntent } = sandbox.state.stripe.createPayment({ amount: 12_900, customer: maya.stripeId, description: 'Order for a lamp' });
  await sandbox.emit('stripe', 'payment_intent.succeeded', paymentIntent);

  await helpdesk('/helpdesk/tickets', { customer_email: liam.email, subject: 'Charged twice', body: 'I was charged twice for my last order and my card shows two payments. Please refund the duplicate charge as soon as possible, this is really frustrating.', priority: 'normal' });
  await helpdesk('/helpdesk/tickets', { customer_email: sofia.email, subject: 'Where is my parcel?', body: 'My package has not arrived yet and the tracking number does not work. Can you tell me when the delivery will reach me?', priority: 'normal' });
}

async function expectOk(res: Response): Promise<void> {
  if (!res.ok) throw new Error(`Sandbox refused a demo request: ${res.status} ${await res.text()}`);
}
