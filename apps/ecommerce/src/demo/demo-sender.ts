import type { Sandbox, ShopifyOrder, WebhookEventInput, WebhookSource } from '@aiwire/sandbox';
import type { DemoAction, DemoSource } from './demo-plan.js';

/** Where and how the shop's intake is reached, and the secrets each provider signs with. */
export interface DemoTarget {
  readonly sandbox: Sandbox;
  /** The intake's base URL, `http://127.0.0.1:<port>/webhooks`. */
  readonly webhookUrl: string;
  readonly secrets: { readonly storefront: string; readonly helpdesk: string };
}

/** What one action did: a delivery the intake answered now (`status`), or one the helpdesk delivers by itself. */
export type SendResult = { readonly source: DemoSource; readonly status: number } | { readonly source: 'helpdesk'; readonly queued: true };

interface Delivery {
  readonly source: DemoSource;
  readonly event: WebhookEventInput;
}

const SCHEMES: Record<DemoSource, WebhookSource> = { storefront: 'standard', shopify: 'shopify', stripe: 'stripe', helpdesk: 'hmac-sha256' };
const FORGERY_SECRET = `whsec_${Buffer.from('not the shop secret, a forgery!!').toString('base64')}`;

/**
 * Plays actions against the shop through the sandbox, exactly as each provider delivers: the
 * storefront (Standard Webhooks), Shopify and Stripe signed by `sandbox.sendWebhook`, reviews and
 * tickets created in the helpdesk, which signs and delivers them itself. Keeps each delivery so a
 * duplicate re-sends the same event id.
 */
export class DemoSender {
  private readonly deliveries = new Map<number, Delivery>();
  private readonly orders = new Map<number, ShopifyOrder>();
  private readonly nonce: string;

  constructor(private readonly target: DemoTarget, nonce: string) {
    this.nonce = nonce.replace(/[^A-Za-z0-9]/g, '');
  }

  async send(action: DemoAction, index: number, all: readonly DemoAction[]): Promise<SendResult> {
    const { sandbox } = this.target;
    switch (action.kind) {
      case 'view':
        return this.deliver(index, { source: 'storefront', event: { id: `msg_${this.nonce}v${action.key}`, type: 'product.viewed', payload: { customer_id: action.customer, product_id: action.product, viewed_at: new Date().toISOString() } } });
      case 'review':
        await this.helpdesk('/helpdesk/reviews', { product_id: action.product, customer_email: action.email, rating: action.rating, title: action.title, body: action.body });
        return { source: 'helpdesk', queued: true };
      case 'ticket':
        await this.helpdesk('/helpdesk/tickets', { customer_email: action.email, subject: action.subject, body: action.body, priority: action.priority });
        return { source: 'helpdesk', queued: true };
      case 'order': {
        const order = sandbox.state.shopify.createOrder({ customerId: action.customer, lineItems: action.lines.map((l) => ({ ...l })), ...(action.note && { note: action.note }) });
        this.orders.set(index, order);
        return this.deliver(index, { source: 'shopify', event: { id: `${this.nonce}-order-${action.key}`, type: 'orders/create', payload: order } });
      }
      case 'payment': {
        const order = this.orders.get(action.order);
        const buyer = order && [...sandbox.state.stripe.customers.values()].find((c) => c.email?.toLowerCase() === order.email.toLowerCase());
        if (!order || !buyer) throw new Error(`Demo plan error: payment ${index} has no order with a Stripe customer (action ${action.order}).`);
        const amount = Math.round(Number(order.total_price) * 100) - (action.mismatch ? 1_500 : 0);
        const { paymentIntent } = sandbox.state.stripe.createPayment({
          amount, customer: buyer.id, description: `Shopify order ${order.name}`, metadata: { shopify_order_id: String(order.id), order_name: order.name },
        });
        return this.deliver(index, { source: 'stripe', event: { id: `evt_1${this.nonce}p${action.key}`, type: 'payment_intent.succeeded', payload: paymentIntent } });
      }
      case 'duplicate': {
        const original = this.deliveries.get(action.of);
        if (!original) throw new Error(`Demo plan error: duplicate ${index} of action ${action.of} (${all[action.of]?.kind}) that was not delivered.`);
        return this.post(original, this.secretOf(original.source));
      }
      case 'forged':
        return this.post(forgery(action), FORGERY_SECRET);
    }
  }

  private async deliver(index: number, delivery: Delivery): Promise<SendResult> {
    this.deliveries.set(index, delivery);
    return this.post(delivery, this.secretOf(delivery.source));
  }

  private async post(delivery: Delivery, secret: string): Promise<SendResult> {
    const { sandbox, webhookUrl } = this.target;
    const answer = await sandbox.sendWebhook(`${webhookUrl}/${delivery.source}`, SCHEMES[delivery.source], delivery.event, secret);
    return { source: delivery.source, status: answer.status };
  }

  private async helpdesk(path: string, body: object): Promise<void> {
    const { sandbox } = this.target;
    const res = await fetch(`${sandbox.urls.helpdesk}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': sandbox.credentials.helpdeskApiKey },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`The helpdesk refused ${path}: ${res.status} ${await res.text()}`);
  }

  /** The secret each provider signs with; Stripe's is the one it issued when the shop subscribed. */
  private secretOf(source: DemoSource): string {
    const { sandbox, webhookUrl, secrets } = this.target;
    switch (source) {
      case 'storefront': return secrets.storefront;
      case 'helpdesk': return secrets.helpdesk;
      case 'shopify': return sandbox.credentials.shopifyApiSecret;
      case 'stripe': {
        const endpoint = [...sandbox.state.stripe.webhookEndpoints.values()].find((e) => e.url === `${webhookUrl}/stripe` && e.status === 'enabled');
        if (!endpoint) throw new Error(`No Stripe webhook endpoint for ${webhookUrl}/stripe: the shop subscribes at startup; did it start?`);
        return endpoint.secret;
      }
    }
  }
}

/** A delivery as each provider would send it, for the forger to sign with the wrong secret. */
function forgery(action: Extract<DemoAction, { kind: 'forged' }>): Delivery {
  const { source, customer, product } = action;
  switch (source) {
    case 'storefront': return { source, event: { type: 'product.viewed', payload: { customer_id: customer, product_id: product } } };
    case 'helpdesk': return { source, event: { type: 'review.created', payload: { product_id: String(product), customer_email: 'attacker@example.net', rating: 1, title: 'Scam', body: 'Fake review.' } } };
    case 'shopify': return { source, event: { type: 'orders/create', payload: { id: 9_999_999_000_001, name: '#9999', email: 'attacker@example.net', total_price: '4999.00', currency: 'USD', line_items: [{ product_id: product, quantity: 40 }] } } };
    case 'stripe': return { source, event: { type: 'payment_intent.succeeded', payload: { id: 'pi_forged', object: 'payment_intent', amount: 499_900, currency: 'usd', status: 'succeeded' } } };
  }
}
