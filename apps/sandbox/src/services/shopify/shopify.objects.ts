export interface ShopifyAddress {
  address1: string;
  city: string;
  province: string;
  country: string;
  zip: string;
  country_code: string;
}

export interface ShopifyCustomer {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  phone: string | null;
  created_at: string;
  updated_at: string;
  orders_count: number;
  total_spent: string;
  last_order_id: number | null;
  last_order_name: string | null;
  state: 'enabled' | 'disabled' | 'invited' | 'declined';
  tags: string;
  note: string | null;
  verified_email: boolean;
  tax_exempt: boolean;
  currency: string;
  addresses: (ShopifyAddress & { id: number; customer_id: number; default: boolean })[];
  admin_graphql_api_id: string;
  [field: string]: unknown;
}

export interface ShopifyVariant {
  id: number;
  product_id: number;
  title: string;
  price: string;
  sku: string;
  inventory_item_id: number;
  /** Stock on hand; `createOrder` takes ordered units off it (inventory tracked by Shopify). */
  inventory_quantity: number;
  [field: string]: unknown;
}

export interface ShopifyProduct {
  id: number;
  title: string;
  body_html: string;
  vendor: string;
  product_type: string;
  handle: string;
  status: 'active' | 'draft' | 'archived';
  tags: string;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  variants: ShopifyVariant[];
  admin_graphql_api_id: string;
  [field: string]: unknown;
}

export interface ShopifyLineItem {
  id: number;
  product_id: number;
  variant_id: number;
  title: string;
  name: string;
  sku: string;
  vendor: string;
  quantity: number;
  price: string;
  [field: string]: unknown;
}

export interface ShopifyOrder {
  id: number;
  name: string;
  order_number: number;
  email: string;
  created_at: string;
  updated_at: string;
  processed_at: string;
  closed_at: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
  financial_status: 'pending' | 'authorized' | 'paid' | 'partially_refunded' | 'refunded' | 'voided';
  fulfillment_status: 'fulfilled' | 'partial' | 'restocked' | null;
  currency: string;
  subtotal_price: string;
  total_price: string;
  total_tax: string;
  line_items: ShopifyLineItem[];
  customer: Pick<ShopifyCustomer, 'id' | 'email' | 'first_name' | 'last_name' | 'admin_graphql_api_id'> | null;
  note: string | null;
  tags: string;
  admin_graphql_api_id: string;
  [field: string]: unknown;
}

/** Shopify's `FulfillmentHoldReason`, as the REST API writes it. */
export const FULFILLMENT_HOLD_REASONS = [
  'awaiting_payment', 'high_risk_of_fraud', 'incorrect_address', 'inventory_out_of_stock', 'unknown_delivery_date',
  'awaiting_return_items', 'online_store_post_purchase_cross_sell', 'other',
] as const;

export type FulfillmentHoldReason = (typeof FULFILLMENT_HOLD_REASONS)[number];

export interface ShopifyFulfillmentOrderLineItem {
  id: number;
  shop_id: number;
  fulfillment_order_id: number;
  quantity: number;
  line_item_id: number;
  inventory_item_id: number;
  fulfillable_quantity: number;
  variant_id: number;
}

/** The work of shipping an order from one location; Shopify creates one per order (here: one location). */
export interface ShopifyFulfillmentOrder {
  id: number;
  created_at: string;
  updated_at: string;
  shop_id: number;
  order_id: number;
  assigned_location_id: number;
  request_status: 'unsubmitted' | 'submitted' | 'accepted' | 'rejected' | 'cancellation_requested' | 'cancellation_accepted' | 'cancellation_rejected' | 'closed';
  status: 'open' | 'in_progress' | 'scheduled' | 'cancelled' | 'on_hold' | 'incomplete' | 'closed';
  fulfill_at: string | null;
  fulfill_by: string | null;
  supported_actions: string[];
  destination: Record<string, unknown> | null;
  line_items: ShopifyFulfillmentOrderLineItem[];
  international_duties: null;
  fulfillment_holds: { reason: FulfillmentHoldReason; reason_notes: string | null }[];
  delivery_method: null;
  assigned_location: Record<string, unknown>;
  merchant_requests: unknown[];
}

export interface ShopifyWebhook {
  id: number;
  address: string;
  topic: string;
  format: 'json' | 'xml';
  created_at: string;
  updated_at: string;
  fields: string[];
  metafield_namespaces: string[];
  private_metafield_namespaces: string[];
  api_version: string;
  admin_graphql_api_id: string;
}

/** Shopify writes money as strings with two decimals. */
export const money = (amount: number): string => amount.toFixed(2);

/** ISO 8601 with the shop's offset, as Shopify prints it. */
export const shopTime = (ms = Date.now()): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '-00:00');

export const gid = (type: string, id: number): string => `gid://shopify/${type}/${id}`;
