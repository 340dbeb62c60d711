import { NumericIds } from '../../http/ids.js';
import { SHOPIFY_API_VERSION } from '../../sandbox.constants.js';
import { gid, money, shopTime, type ShopifyAddress, type ShopifyCustomer, type ShopifyFulfillmentOrder, type ShopifyOrder, type ShopifyProduct, type ShopifyWebhook } from './shopify.objects.js';
import { fulfillmentOrderObject, SHOP_ID } from './shopify-fulfillment-order.object.js';
import { productObject, type ProductInput } from './shopify-product.object.js';

export interface OrderInput {
  customerId: number;
  lineItems: { productId: number; quantity: number }[];
  financialStatus?: ShopifyOrder['financial_status'];
  fulfillmentStatus?: ShopifyOrder['fulfillment_status'];
  /** A closed (archived) order; `orders.json` leaves it out unless `status=closed|any`. */
  closed?: boolean;
  cancelled?: boolean;
  note?: string;
  createdAt?: number;
  id?: number;
}

/** The shop the Shopify stand-in plays. */
export class ShopifyState {
  readonly customers = new Map<number, ShopifyCustomer>();
  readonly products = new Map<number, ShopifyProduct>();
  readonly orders = new Map<number, ShopifyOrder>();
  readonly webhooks = new Map<number, ShopifyWebhook>();
  /** One per order, created with it: `open`, or `closed` when the order was created fulfilled or cancelled. */
  readonly fulfillmentOrders = new Map<number, ShopifyFulfillmentOrder>();
  readonly shopId = SHOP_ID;
  private readonly ids = new NumericIds(7_390_384_554_000);
  private orderNumber = 1000;

  createCustomer(input: { firstName: string; lastName: string; email: string; phone?: string; tags?: string; note?: string; address?: ShopifyAddress; id?: number; createdAt?: number }): ShopifyCustomer {
    const id = this.id(input.id);
    const at = shopTime(input.createdAt);
    const customer: ShopifyCustomer = {
      id,
      email: input.email,
      first_name: input.firstName,
      last_name: input.lastName,
      phone: input.phone ?? null,
      created_at: at,
      updated_at: at,
      orders_count: 0,
      total_spent: money(0),
      last_order_id: null,
      last_order_name: null,
      state: 'enabled',
      tags: input.tags ?? '',
      note: input.note ?? null,
      verified_email: true,
      tax_exempt: false,
      currency: 'USD',
      multipass_identifier: null,
      addresses: input.address ? [{ ...input.address, id: this.ids.take(), customer_id: id, default: true }] : [],
      admin_graphql_api_id: gid('Customer', id),
    };
    customer.default_address = customer.addresses[0] ?? null;
    this.customers.set(id, customer);
    return customer;
  }

  createProduct(input: ProductInput): ShopifyProduct {
    const id = this.id(input.id);
    const product = productObject(id, { variant: this.ids.take(), option: this.ids.take(), inventoryItem: this.ids.take() }, input);
    this.products.set(product.id, product);
    return product;
  }

  createOrder(input: OrderInput): ShopifyOrder {
    const customer = this.customers.get(input.customerId);
    if (!customer) throw new Error(`No Shopify customer ${input.customerId}`);
    const id = this.id(input.id);
    const at = shopTime(input.createdAt);
    const lineItems = input.lineItems.map(({ productId, quantity }) => {
      const product = this.products.get(productId);
      const variant = product?.variants[0];
      if (!product || !variant) throw new Error(`No Shopify product ${productId}`);
      const itemId = this.ids.take();
      // Shopify tracks this variant's inventory: an order takes its units off stock (a cancelled one puts them back).
      if (!input.cancelled) this.adjustStock(variant, -quantity, at);
      return { id: itemId, product_id: product.id, variant_id: variant.id, title: product.title, name: product.title, sku: variant.sku, vendor: product.vendor, quantity, price: variant.price, fulfillable_quantity: input.fulfillmentStatus === 'fulfilled' ? 0 : quantity, gift_card: false, taxable: true, admin_graphql_api_id: gid('LineItem', itemId) };
    });
    const subtotal = lineItems.reduce((sum, li) => sum + Number(li.price) * li.quantity, 0);
    const tax = Math.round(subtotal * 0.0825 * 100) / 100;
    const number = ++this.orderNumber;
    const { id: cid, email, first_name, last_name, admin_graphql_api_id } = customer;
    const order: ShopifyOrder = {
      id,
      name: `#${number}`,
      order_number: number,
      number: number - 1000,
      email,
      contact_email: email,
      created_at: at,
      updated_at: at,
      processed_at: at,
      closed_at: input.closed ? at : null,
      cancelled_at: input.cancelled ? at : null,
      cancel_reason: input.cancelled ? 'customer' : null,
      confirmed: true,
      test: false,
      financial_status: input.financialStatus ?? 'paid',
      fulfillment_status: input.fulfillmentStatus ?? null,
      currency: 'USD',
      presentment_currency: 'USD',
      subtotal_price: money(subtotal),
      total_tax: money(tax),
      total_price: money(subtotal + tax),
      line_items: lineItems,
      customer: { id: cid, email, first_name, last_name, admin_graphql_api_id },
      note: input.note ?? null,
      tags: '',
      admin_graphql_api_id: gid('Order', id),
    };
    this.orders.set(id, order);
    const fulfillmentOrder = fulfillmentOrderObject(this.ids.take(), order, customer, input.fulfillmentStatus === 'fulfilled' || input.cancelled === true ? 'closed' : 'open', {
      take: () => this.ids.take(),
      inventoryItemOf: (variantId) => this.products.get(order.line_items.find((li) => li.variant_id === variantId)?.product_id ?? 0)?.variants[0]?.inventory_item_id ?? 0,
    });
    this.fulfillmentOrders.set(fulfillmentOrder.id, fulfillmentOrder);
    customer.orders_count += 1;
    customer.total_spent = money(Number(customer.total_spent) + (input.cancelled ? 0 : subtotal + tax));
    customer.last_order_id = id;
    customer.last_order_name = order.name;
    return order;
  }

  /** Sets the stock on hand of the product's (first) variant, as an inventory adjustment in the admin would. */
  setInventory(productId: number, quantity: number): ShopifyProduct {
    const product = this.products.get(productId);
    const variant = product?.variants[0];
    if (!product || !variant) throw new Error(`No Shopify product ${productId}`);
    this.adjustStock(variant, quantity - variant.inventory_quantity, shopTime());
    return product;
  }

  /** The fulfillment orders of an order, oldest first. */
  fulfillmentOrdersOf(orderId: number): ShopifyFulfillmentOrder[] {
    return [...this.fulfillmentOrders.values()].filter((f) => f.order_id === orderId);
  }

  createWebhook(input: { topic: string; address: string; format?: 'json' | 'xml'; fields?: string[]; apiVersion?: string }): ShopifyWebhook {
    const id = this.ids.take();
    const at = shopTime();
    const webhook: ShopifyWebhook = {
      id,
      address: input.address,
      topic: input.topic,
      format: input.format ?? 'json',
      created_at: at,
      updated_at: at,
      fields: input.fields ?? [],
      metafield_namespaces: [],
      private_metafield_namespaces: [],
      api_version: input.apiVersion ?? SHOPIFY_API_VERSION,
      admin_graphql_api_id: gid('WebhookSubscription', id),
    };
    this.webhooks.set(id, webhook);
    return webhook;
  }

  private adjustStock(variant: ShopifyProduct['variants'][number], delta: number, at: string): void {
    variant.old_inventory_quantity = variant.inventory_quantity;
    variant.inventory_quantity += delta;
    variant.updated_at = at;
  }

  private id(requested?: number): number {
    if (requested === undefined) return this.ids.take();
    this.ids.bump(requested);
    return requested;
  }
}
