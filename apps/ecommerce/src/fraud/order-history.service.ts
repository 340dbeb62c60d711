import { Injectable } from '@nestjs/common';
import { InjectConnector, type ShopifyConnector, type ShopifyOrder, type StripeCharge, type StripeConnector, type StripeCustomer } from '@aiwire/connectors';
import { parseTags } from './order-tags.js';
import type { ShopifyOrderDto } from './shopify-order.dto.js';

const HOUR_MS = 3_600_000;
const RISKY = new Set(['elevated', 'highest']);

/** What Shopify knows of the customer before this order. */
export interface CustomerHistory {
  readonly previousOrders: number;
  readonly averagePreviousTotal: number;
  readonly ordersLastHour: number;
  readonly customerTags: string[];
}

/** What Stripe knows of the customer's payments before this order. */
export interface PaymentHistory {
  /** The Stripe customer matched (metadata.shopify_customer_id, else the email), or null. */
  readonly stripeCustomerId: string | null;
  readonly charges: number;
  readonly disputedCharges: number;
  readonly refundedCharges: number;
  readonly riskyCharges: number;
}

/** The customer's past orders (Shopify) and past payments (Stripe), as the fraud rules read them. */
@Injectable()
export class OrderHistoryService {
  constructor(
    @InjectConnector('shopify') private readonly shopify: ShopifyConnector,
    @InjectConnector('stripe') private readonly stripe: StripeConnector,
  ) {}

  async customer(order: ShopifyOrderDto): Promise<CustomerHistory> {
    const customerId = order.customer?.id;
    if (customerId === undefined) return { previousOrders: 0, averagePreviousTotal: 0, ordersLastHour: 0, customerTags: [] };
    const placed = Date.parse(order.created_at);
    // Only what came before this order: later ones may already exist when a webhook is late.
    const before = (o: ShopifyOrder) => Date.parse(o.created_at) < placed || (Date.parse(o.created_at) === placed && o.id < order.id);
    const [orders, customer] = await Promise.all([
      this.shopify.listOrders({ customerId, status: 'any', limit: 250 }).toArray(),
      this.shopify.getCustomer(customerId),
    ]);
    const history = orders.filter((o) => o.id !== order.id && before(o) && !o.cancelled_at);
    const totals = history.map((o) => Number(o.total_price));
    return {
      previousOrders: history.length,
      averagePreviousTotal: totals.length ? totals.reduce((a, b) => a + b, 0) / totals.length : 0,
      ordersLastHour: history.filter((o) => placed - Date.parse(o.created_at) < HOUR_MS).length,
      customerTags: parseTags(customer.tags),
    };
  }

  async payments(order: ShopifyOrderDto): Promise<PaymentHistory> {
    const customer = await this.stripeCustomer(order);
    if (!customer) return { stripeCustomerId: null, charges: 0, disputedCharges: 0, refundedCharges: 0, riskyCharges: 0 };
    const charges = (await this.stripe.listCharges({ customer: customer.id, limit: 100 }).toArray(1000))
      // This order's own payment is not history.
      .filter((c) => c.metadata.shopify_order_id !== String(order.id));
    const count = (test: (c: StripeCharge) => boolean) => charges.filter(test).length;
    return {
      stripeCustomerId: customer.id,
      charges: charges.length,
      disputedCharges: count((c) => c.disputed === true),
      refundedCharges: count((c) => c.refunded || c.amount_refunded > 0),
      riskyCharges: count((c) => RISKY.has(c.outcome?.risk_level ?? '')),
    };
  }

  /** The Stripe customer of the order's buyer: the one tagged with their Shopify id, else one with their email. */
  private async stripeCustomer(order: ShopifyOrderDto): Promise<StripeCustomer | undefined> {
    const email = order.email ?? order.customer?.email;
    if (!email) return undefined;
    const candidates = await this.stripe.list<StripeCustomer>('/v1/customers', { email, limit: 100 }, 'stripe.listCustomers').toArray(100);
    const shopifyId = order.customer ? String(order.customer.id) : undefined;
    return candidates.find((c) => shopifyId !== undefined && c.metadata.shopify_customer_id === shopifyId)
      ?? candidates.find((c) => c.email?.toLowerCase() === email.toLowerCase());
  }
}
