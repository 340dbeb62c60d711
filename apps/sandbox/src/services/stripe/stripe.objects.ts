import { base62 } from '../../http/ids.js';

export interface StripeCustomer {
  id: string;
  object: 'customer';
  created: number;
  email: string | null;
  name: string | null;
  phone: string | null;
  description: string | null;
  metadata: Record<string, string>;
  [field: string]: unknown;
}

export interface StripePaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  customer: string | null;
  status: string;
  latest_charge: string | null;
  created: number;
  metadata: Record<string, string>;
  [field: string]: unknown;
}

export interface StripeCharge {
  id: string;
  object: 'charge';
  amount: number;
  amount_refunded: number;
  currency: string;
  customer: string | null;
  payment_intent: string | null;
  refunded: boolean;
  status: string;
  created: number;
  outcome: { risk_level: string; risk_score: number; [field: string]: unknown };
  metadata: Record<string, string>;
  [field: string]: unknown;
}

export interface StripeWebhookEndpoint {
  id: string;
  object: 'webhook_endpoint';
  url: string;
  enabled_events: string[];
  /** `whsec_…`: returned by the API only when the endpoint is created. */
  secret: string;
  status: 'enabled' | 'disabled';
  description: string | null;
  metadata: Record<string, string>;
  api_version: string | null;
  created: number;
  livemode: false;
  application: null;
}

export function customerObject(id: string, input: { name: string; email: string; phone?: string; metadata?: Record<string, string>; created: number }): StripeCustomer {
  return {
    id,
    object: 'customer',
    address: null,
    balance: 0,
    created: input.created,
    currency: 'usd',
    default_source: null,
    delinquent: false,
    description: null,
    discount: null,
    email: input.email,
    invoice_prefix: base62(8).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: input.metadata ?? {},
    name: input.name,
    next_invoice_sequence: 1,
    phone: input.phone ?? null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
}

export function paymentIntentObject(
  id: string,
  input: { amount: number; currency: string; customer: string | null; status: string; chargeId: string | null; paymentMethod: string; description?: string; metadata?: Record<string, string>; created: number; receiptEmail?: string },
): StripePaymentIntent {
  const succeeded = input.status === 'succeeded';
  return {
    id,
    object: 'payment_intent',
    amount: input.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: succeeded ? input.amount : 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: { allow_redirects: 'always', enabled: true },
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic_async',
    client_secret: `${id}_secret_${base62(25)}`,
    confirmation_method: 'automatic',
    created: input.created,
    currency: input.currency,
    customer: input.customer,
    description: input.description ?? null,
    last_payment_error: null,
    latest_charge: input.chargeId,
    livemode: false,
    metadata: input.metadata ?? {},
    next_action: null,
    on_behalf_of: null,
    payment_method: input.paymentMethod,
    payment_method_types: ['card'],
    processing: null,
    receipt_email: input.receiptEmail ?? null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    statement_descriptor: null,
    status: input.status,
    transfer_data: null,
    transfer_group: null,
  };
}
