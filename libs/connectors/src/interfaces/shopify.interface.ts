/** @publicApi */
export interface ShopifyAddress {
  id?: number;
  address1: string | null;
  city: string | null;
  province: string | null;
  country: string | null;
  zip: string | null;
  [field: string]: unknown;
}

/** @publicApi */
export interface ShopifyCustomer {
  id: number;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  orders_count: number;
  total_spent: string;
  state: string;
  tags: string;
  created_at: string;
  updated_at: string;
  addresses?: ShopifyAddress[];
  [field: string]: unknown;
}

/** @publicApi */
export interface ShopifyLineItem {
  id: number;
  product_id: number | null;
  variant_id: number | null;
  title: string;
  quantity: number;
  price: string;
  sku: string | null;
  [field: string]: unknown;
}

/** @publicApi */
export interface ShopifyOrder {
  id: number;
  name: string;
  order_number: number;
  email: string | null;
  created_at: string;
  financial_status: string | null;
  fulfillment_status: string | null;
  currency: string;
  total_price: string;
  closed_at: string | null;
  cancelled_at: string | null;
  customer?: { id: number; [field: string]: unknown } | null;
  line_items: ShopifyLineItem[];
  [field: string]: unknown;
}

/** @publicApi */
export interface ShopifyVariant {
  id: number;
  product_id: number;
  title: string;
  price: string;
  sku: string | null;
  /** The inventory item whose levels `inventory_levels.json` reports (absent when `fields` left it out). */
  inventory_item_id?: number;
  /** Units on hand across locations (Shopify keeps it for tracked inventory; absent when `fields` left it out). */
  inventory_quantity?: number;
  [field: string]: unknown;
}

/** @publicApi */
export interface ShopifyProduct {
  id: number;
  title: string;
  body_html: string | null;
  vendor: string;
  product_type: string;
  handle: string;
  status: string;
  tags: string;
  variants: ShopifyVariant[];
  [field: string]: unknown;
}

/** @publicApi */
export interface ShopifyWebhook {
  id: number;
  topic: string;
  address: string;
  format: 'json' | 'xml';
  created_at: string;
  updated_at: string;
  api_version?: string;
  [field: string]: unknown;
}

/**
 * Filters of the orders list; the customer's own list is used when `customerId` is set.
 * @publicApi
 */
export interface ShopifyListOrdersParams {
  /** The customer whose orders to list (`customers/{id}/orders.json`). @default undefined (every customer's) */
  customerId?: number | string;
  /** @default 'open' (Shopify's default; pass 'any' to include closed and cancelled orders) */
  status?: 'open' | 'closed' | 'cancelled' | 'any';
  /** e.g. `paid`, `refunded`, `any`. @default undefined (any) */
  financial_status?: string;
  /** Only orders with a larger id, in id order. @default undefined */
  since_id?: number | string;
  /** Only orders created at or after this time (sent as ISO 8601). @default undefined (no lower bound) */
  created_at_min?: Date | string;
  /** Only orders created at or before this time (sent as ISO 8601). @default undefined (no upper bound) */
  created_at_max?: Date | string;
  /** Page size, 1–250. @default 50 (Shopify's) */
  limit?: number;
  /** Only these fields, e.g. `['id', 'name']`. @default undefined (every field) */
  fields?: readonly string[];
}

/**
 * One page of orders; `nextPageInfo` is the cursor of the following page, absent on the last.
 * @publicApi
 */
export interface ShopifyOrdersPage {
  orders: ShopifyOrder[];
  nextPageInfo?: string;
  previousPageInfo?: string;
}

/**
 * Fields `updateOrder` writes.
 * @publicApi
 */
export interface ShopifyOrderUpdate {
  /** ONE comma-separated string that replaces the order's tags, e.g. `'fraud-hold, reviewed'`. @default undefined (unchanged) */
  tags?: string;
  /** The order's note. @default undefined (unchanged) */
  note?: string;
  /** The customer's email on this order. @default undefined (unchanged) */
  email?: string;
}

/**
 * Shopify's `FulfillmentHoldReason`, as the REST API writes it.
 * @publicApi
 */
export type ShopifyFulfillmentHoldReason =
  | 'awaiting_payment'
  | 'high_risk_of_fraud'
  | 'incorrect_address'
  | 'inventory_out_of_stock'
  | 'unknown_delivery_date'
  | 'awaiting_return_items'
  | 'online_store_post_purchase_cross_sell'
  | 'other';

/**
 * A hold to place with `holdFulfillmentOrder`.
 * @publicApi
 */
export interface ShopifyFulfillmentHold {
  reason: ShopifyFulfillmentHoldReason;
  /** Free text shown to the merchant. @default undefined */
  reason_notes?: string;
  /** Tell the merchant about the hold. @default undefined (Shopify's default: false) */
  notify_merchant?: boolean;
}

/**
 * One line of a fulfillment order.
 * @publicApi
 */
export interface ShopifyFulfillmentOrderLineItem {
  id: number;
  line_item_id: number;
  quantity: number;
  fulfillable_quantity: number;
  variant_id?: number;
  inventory_item_id?: number;
  [field: string]: unknown;
}

/**
 * The work of shipping (part of) an order from one location; Shopify creates them with the order.
 * @publicApi
 */
export interface ShopifyFulfillmentOrder {
  id: number;
  order_id: number;
  status: 'open' | 'in_progress' | 'scheduled' | 'on_hold' | 'incomplete' | 'closed' | 'cancelled' | (string & {});
  request_status: string;
  fulfillment_holds: { reason: ShopifyFulfillmentHoldReason | (string & {}); reason_notes: string | null; [field: string]: unknown }[];
  line_items: ShopifyFulfillmentOrderLineItem[];
  /** What may be done next: `hold`, `release_hold`, `create_fulfillment`, ... */
  supported_actions: string[];
  assigned_location_id?: number;
  created_at?: string;
  updated_at?: string;
  [field: string]: unknown;
}

/**
 * Filters of the products list.
 * @publicApi
 */
export interface ShopifyListProductsParams {
  /** Only these products. @default undefined (all) */
  ids?: readonly (number | string)[];
  /** Only products with a larger id. @default undefined */
  since_id?: number | string;
  /** e.g. `Kitchen`. @default undefined (any) */
  product_type?: string;
  /** @default undefined (any) */
  vendor?: string;
  /** `active`, `draft`, `archived`. @default undefined (all three) */
  status?: 'active' | 'draft' | 'archived';
  /** Page size, 1–250. @default 50 (Shopify's) */
  limit?: number;
  /** Only these fields, e.g. `['id', 'variants']`. @default undefined (every field) */
  fields?: readonly string[];
}

/**
 * One page of products; `nextPageInfo` is the cursor of the following page, absent on the last.
 * @publicApi
 */
export interface ShopifyProductsPage {
  products: ShopifyProduct[];
  nextPageInfo?: string;
  previousPageInfo?: string;
}
