/**
 * Stripe's list object; `has_more` says whether a next page exists.
 * @publicApi
 */
export interface StripeList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

/** @publicApi */
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

/** @publicApi */
export interface StripePaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  /** A customer id, or the object when expanded. */
  customer: string | StripeCustomer | null;
  status: string;
  latest_charge: string | StripeCharge | null;
  created: number;
  metadata: Record<string, string>;
  [field: string]: unknown;
}

/** @publicApi */
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
  /** Whether a dispute was opened on it. */
  disputed: boolean;
  /** What the card network and Radar made of it; null while pending. */
  outcome: StripeChargeOutcome | null;
  metadata: Record<string, string>;
  [field: string]: unknown;
}

/**
 * Stripe's `charge.outcome`.
 * @publicApi
 */
export interface StripeChargeOutcome {
  /** `approved_by_network`, `declined_by_network`, `not_sent_to_network`, `reversed_after_approval`. */
  network_status: string | null;
  /** e.g. `elevated_risk_level`, `highest_risk_level`, `rule`. */
  reason: string | null;
  risk_level: 'normal' | 'elevated' | 'highest' | 'not_assessed' | 'unknown';
  /** 0–99 (Radar for Fraud Teams). */
  risk_score?: number;
  seller_message: string | null;
  type: 'authorized' | 'manual_review' | 'issuer_declined' | 'blocked' | 'invalid' | (string & {});
  [field: string]: unknown;
}

/** @publicApi */
export interface StripeWebhookEndpoint {
  id: string;
  object: 'webhook_endpoint';
  url: string;
  enabled_events: string[];
  /** `whsec_…`: Stripe returns it only from the create call. */
  secret?: string;
  status: 'enabled' | 'disabled';
  description: string | null;
  metadata: Record<string, string>;
  created: number;
  [field: string]: unknown;
}

/**
 * Objects to expand inline (`expand[]`), e.g. `['customer', 'latest_charge']`.
 * @publicApi
 */
export interface StripeExpandParams {
  expand?: readonly string[];
}

/**
 * Filters of `GET /v1/charges`.
 * @publicApi
 */
export interface StripeListChargesParams {
  /** Only this customer's charges. @default undefined (all) */
  customer?: string;
  /** Only this payment intent's charges. @default undefined (all) */
  payment_intent?: string;
  /** Page size, 1–100. @default 10 (Stripe's) */
  limit?: number;
  /** `created[gte]` and friends, as unix seconds. @default undefined (any time) */
  created?: { gt?: number; gte?: number; lt?: number; lte?: number };
  /** Start after this charge id (the list is newest first); later pages follow on their own. @default undefined (from the newest) */
  starting_after?: string;
}

/**
 * Filters of `GET /v1/payment_intents`.
 * @publicApi
 */
export interface StripeListPaymentIntentsParams {
  /** Only this customer's payment intents. @default undefined (all) */
  customer?: string;
  /** Page size, 1–100. @default 10 (Stripe's) */
  limit?: number;
  /** `created[gte]` and friends, as unix seconds. @default undefined (any time) */
  created?: { gt?: number; gte?: number; lt?: number; lte?: number };
  /** Start after this payment intent id (the list is newest first). @default undefined (from the newest) */
  starting_after?: string;
}

/**
 * Parameters of `POST /v1/webhook_endpoints`.
 * @publicApi
 */
export interface StripeWebhookEndpointParams {
  url: string;
  enabled_events: readonly string[];
  description?: string;
  metadata?: Readonly<Record<string, string>>;
  api_version?: string;
  disabled?: boolean;
}
