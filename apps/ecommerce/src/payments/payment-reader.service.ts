import { Injectable } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import { ConnectorHttpError, InjectConnector, type ShopifyConnector, type StripeCharge, type StripeConnector } from '@aiwire/connectors';
import { InjectDb } from '../db/inject-db.decorator.js';
import type { Database } from '../db/database.types.js';
import { orders } from '../db/schema.js';
import type { PaymentFacts } from './payment-checks.js';

/** The payment as Stripe's API says it is now, with what the flow needs to find its order. */
export interface StripePayment extends PaymentFacts {
  readonly created: number;
  readonly customerName: string | null;
  /** `metadata.shopify_order_id` and `metadata.order_name`, as the checkout set them. */
  readonly shopifyOrderId: string | null;
  readonly orderName: string | null;
}

/** The Shopify order a payment pays, with the fields our orders row needs. */
export interface PaidOrder {
  readonly id: number;
  readonly name: string;
  readonly email: string | null;
  readonly customer: { readonly id: number } | null;
  readonly total_price: string;
  readonly currency: string;
  readonly created_at: string;
}

/** Reads a payment back from Stripe and its order from Shopify: the webhook's payload is only a pointer. */
@Injectable()
export class PaymentReader {
  constructor(
    @InjectConnector('stripe') private readonly stripe: StripeConnector,
    @InjectConnector('shopify') private readonly shopify: ShopifyConnector,
    @InjectDb() private readonly db: Database,
  ) {}

  async payment(paymentIntentId: string): Promise<StripePayment> {
    const intent = await this.stripe.getPaymentIntent(paymentIntentId);
    const chargeId = typeof intent.latest_charge === 'string' ? intent.latest_charge : intent.latest_charge?.id;
    const customerId = typeof intent.customer === 'string' ? intent.customer : intent.customer?.id;
    const [charge, customer] = await Promise.all([
      chargeId ? this.stripe.request<StripeCharge>({ method: 'GET', path: '/v1/charges/{id}', params: { id: chargeId }, operation: 'stripe.getCharge' }) : undefined,
      customerId ? this.stripe.getCustomer(customerId) : undefined,
    ]);
    return {
      id: intent.id,
      status: intent.status,
      amountReceived: intent.amount_received,
      currency: intent.currency,
      created: intent.created,
      customer: customer ? { id: customer.id, email: customer.email, shopifyCustomerId: customer.metadata.shopify_customer_id ?? null } : null,
      customerName: customer?.name ?? null,
      riskLevel: charge?.outcome?.risk_level ?? null,
      riskScore: typeof charge?.outcome?.risk_score === 'number' ? charge.outcome.risk_score : null,
      shopifyOrderId: intent.metadata.shopify_order_id ?? null,
      orderName: intent.metadata.order_name ?? null,
    };
  }

  /** The order by `metadata.shopify_order_id`, else by `order_name` among the orders the shop has seen; null when neither finds one. */
  async order(payment: Pick<StripePayment, 'shopifyOrderId' | 'orderName'>): Promise<PaidOrder | null> {
    let id = payment.shopifyOrderId && /^\d+$/.test(payment.shopifyOrderId) ? Number(payment.shopifyOrderId) : undefined;
    if (id === undefined && payment.orderName) {
      const [row] = await this.db.select({ shopifyId: orders.shopifyId }).from(orders).where(eq(orders.name, payment.orderName));
      id = row?.shopifyId ?? undefined;
    }
    if (id === undefined) return null;
    try {
      const o = await this.shopify.getOrder(id);
      const email = o.email ?? null;
      return { id: o.id, name: o.name, email, customer: o.customer ? { id: o.customer.id } : null, total_price: o.total_price, currency: o.currency, created_at: o.created_at };
    } catch (error) {
      if (error instanceof ConnectorHttpError && error.status === 404) return null;
      throw error;
    }
  }

  /** What the customer has paid in `currency` over time (succeeded charges less refunds), in minor units. */
  async lifetimeValue(stripeCustomerId: string, currency: string): Promise<number> {
    const charges = await this.stripe.listCharges({ customer: stripeCustomerId, limit: 100 }).toArray(10_000);
    return charges
      .filter((c) => c.status === 'succeeded' && c.currency.toLowerCase() === currency.toLowerCase())
      .reduce((sum, c) => sum + c.amount - c.amount_refunded, 0);
  }
}


