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
