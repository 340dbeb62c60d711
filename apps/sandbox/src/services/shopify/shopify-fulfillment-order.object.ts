import { shopTime, type ShopifyCustomer, type ShopifyFulfillmentOrder, type ShopifyOrder } from './shopify.objects.js';

/** The shop's id and its one location, where every order is fulfilled from. */
export const SHOP_ID = 548_380_009;
const LOCATION = { location_id: 24_826_418, name: 'Main warehouse', address1: '500 Terry Francine St', address2: null, city: 'San Francisco', province: 'California', zip: '94158', country_code: 'US', phone: null };

/**
 * What a fulfillment order in `status` may do next (`supported_actions`), as Shopify lists them for a
 * merchant-managed location; `hold` on an `on_hold` one from 2025-01 (a second hold may be placed).
 */
export function supportedActions(status: ShopifyFulfillmentOrder['status'], apiVersion: string): string[] {
  if (status === 'open') return ['request_fulfillment', 'create_fulfillment', 'hold'];
  if (status === 'on_hold') return holdsStack(apiVersion) ? ['release_hold', 'hold'] : ['release_hold'];
  return [];
}

/** From 2025-01 a fulfillment order already on hold can be held again (Shopify's changelog). */
export const holdsStack = (apiVersion: string): boolean => apiVersion === 'unstable' || apiVersion >= '2025-01';

/** The fulfillment order Shopify creates with an order: every line item, to the customer's default address. */
export function fulfillmentOrderObject(
  id: number,
  order: ShopifyOrder,
  customer: ShopifyCustomer,
  status: 'open' | 'closed',
  ids: { take: () => number; inventoryItemOf: (variantId: number) => number },
): ShopifyFulfillmentOrder {
  const address = customer.addresses[0];
  return {
    id,
    created_at: order.created_at,
    updated_at: order.created_at,
    shop_id: SHOP_ID,
    order_id: order.id,
    assigned_location_id: LOCATION.location_id,
    request_status: status === 'open' ? 'unsubmitted' : 'closed',
    status,
    fulfill_at: null,
    fulfill_by: null,
    supported_actions: supportedActions(status, '2025-01'),
    destination: address
      ? { id: ids.take(), address1: address.address1, address2: '', city: address.city, company: null, country: address.country, email: customer.email, first_name: customer.first_name, last_name: customer.last_name, phone: customer.phone, province: address.province, zip: address.zip }
      : null,
    line_items: order.line_items.map((li) => ({
      id: ids.take(),
      shop_id: SHOP_ID,
      fulfillment_order_id: id,
      quantity: li.quantity,
      line_item_id: li.id,
      inventory_item_id: ids.inventoryItemOf(li.variant_id),
      fulfillable_quantity: status === 'open' ? li.quantity : 0,
      variant_id: li.variant_id,
    })),
    international_duties: null,
    fulfillment_holds: [],
    delivery_method: null,
    assigned_location: { ...LOCATION },
    merchant_requests: [],
  };
}

/** Marks a change, as every write does. */
export function touch(fo: ShopifyFulfillmentOrder): void {
  fo.updated_at = shopTime();
}
