import { nowSeconds, prefixedId } from '../../http/ids.js';
import type { Reply } from '../../http/route.js';
import { chargeObject, type ChargeInput } from './stripe-charge.object.js';
import {
  customerObject,
  paymentIntentObject,
  type StripeCharge,
  type StripeCustomer,
  type StripePaymentIntent,
  type StripeWebhookEndpoint,
} from './stripe.objects.js';

/** A saved answer to an idempotent POST. */
export interface IdempotentResult {
  readonly endpoint: string;
  readonly params: string;
  readonly requestId: string;
  readonly reply: Reply;
}

/** The Stripe account the stand-in plays (test mode). */
export class StripeState {
  readonly customers = new Map<string, StripeCustomer>();
  readonly paymentIntents = new Map<string, StripePaymentIntent>();
  readonly charges = new Map<string, StripeCharge>();
  readonly webhookEndpoints = new Map<string, StripeWebhookEndpoint>();
  /** Saved idempotent answers by `<api key>\u0000<Idempotency-Key>`. */
  readonly idempotency = new Map<string, IdempotentResult>();

  createCustomer(input: { name: string; email: string; phone?: string; metadata?: Record<string, string>; id?: string; created?: number }): StripeCustomer {
    const customer = customerObject(input.id ?? prefixedId('cus_', 14), { ...input, created: input.created ?? nowSeconds() });
    this.customers.set(customer.id, customer);
    return customer;
  }

  /** A payment intent and, unless it is still open, its charge. */
  createPayment(
    input: Partial<Omit<ChargeInput, 'paymentIntent' | 'customer' | 'created'>> & {
      amount: number;
      customer: string;
      status?: 'succeeded' | 'requires_payment_method' | 'processing';
      id?: string;
      chargeId?: string;
      created?: number;
    },
  ): { paymentIntent: StripePaymentIntent; charge?: StripeCharge } {
    const created = input.created ?? nowSeconds();
    const status = input.status ?? 'succeeded';
    const customer = this.customers.get(input.customer);
    const paymentMethod = input.paymentMethod ?? prefixedId('pm_', 24);
    const piId = input.id ?? prefixedId('pi_3', 23);
    const chargeId = status === 'succeeded' || input.riskLevel === 'highest' ? (input.chargeId ?? prefixedId('ch_3', 23)) : null;
    const currency = input.currency ?? 'usd';
    const common = { description: input.description, metadata: input.metadata, created };
    const paymentIntent = paymentIntentObject(piId, {
      ...common,
      amount: input.amount,
      currency,
      customer: input.customer,
      status: input.riskLevel === 'highest' ? 'requires_payment_method' : status,
      chargeId,
      paymentMethod,
      receiptEmail: customer?.email ?? undefined,
    });
    this.paymentIntents.set(piId, paymentIntent);
    if (!chargeId) return { paymentIntent };
    const charge = chargeObject(chargeId, {
      ...common,
      amount: input.amount,
      currency,
      customer: input.customer,
      paymentIntent: piId,
      paymentMethod,
      billing: input.billing ?? { name: customer?.name ?? '', email: customer?.email ?? '', postalCode: '94107', country: 'US' },
      riskLevel: input.riskLevel ?? 'normal',
      riskScore: input.riskScore ?? 12,
      refunded: input.refunded ?? false,
    });
    this.charges.set(chargeId, charge);
    return { paymentIntent, charge };
  }

  createWebhookEndpoint(input: { url: string; enabled_events: string[]; description?: string; metadata?: Record<string, string>; api_version?: string }): StripeWebhookEndpoint {
    const endpoint: StripeWebhookEndpoint = {
      id: prefixedId('we_1', 23),
      object: 'webhook_endpoint',
      api_version: input.api_version ?? null,
      application: null,
      created: nowSeconds(),
      description: input.description ?? null,
      enabled_events: input.enabled_events,
      livemode: false,
      metadata: input.metadata ?? {},
      secret: prefixedId('whsec_', 32),
      status: 'enabled',
      url: input.url,
    };
    this.webhookEndpoints.set(endpoint.id, endpoint);
    return endpoint;
  }

  /** Charges of one customer, newest first. */
  chargesOf(customerId: string): StripeCharge[] {
    return [...this.charges.values()].filter((c) => c.customer === customerId).reverse();
  }
}
