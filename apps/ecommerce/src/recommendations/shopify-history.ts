import { Injectable } from '@nestjs/common';
import { ConnectorHttpError, InjectConnector, type ShopifyConnector, type ShopifyOrder, type ShopifyProduct, type ShopifyVariant } from '@aiwire/connectors';
import type { CustomerFacts } from '../shop/shop.repository.js';
import type { PastOrder, PurchasedLine } from './rank-recommendations.js';

/** How far back the customer's own orders count (recency weighs them within it). */
export const CUSTOMER_HISTORY_DAYS = 365;
/** How far back, and how many of, the shop's orders give co-purchases and popularity. */
export const SHOP_HISTORY_DAYS = 180;
export const SHOP_HISTORY_MAX_ORDERS = 1_000;

/** The most products considered (the active catalogue's first ones, by id). */
export const CATALOGUE_MAX_PRODUCTS = 500;

/** A product as the steps keep it: what the ranking, the AI and the products row need, and no more. */
export type CatalogueProduct = Pick<ShopifyProduct, 'id' | 'title' | 'product_type' | 'body_html' | 'variants'>;

const DAY_MS = 86_400_000;
const ORDER_FIELDS = ['id', 'created_at', 'cancelled_at', 'customer', 'line_items'] as const;
const PRODUCT_FIELDS = ['id', 'title', 'product_type', 'body_html', 'variants'] as const;
const DESCRIPTION_CHARS = 300;

/** What recommendations read from Shopify, reduced to what the steps store (step results are kept in Redis). */
@Injectable()
export class ShopifyHistory {
  constructor(@InjectConnector('shopify') private readonly shopify: ShopifyConnector) {}

  /** The customer as the customers row needs them; null when Shopify does not know the id (404). */
  async customer(id: number): Promise<(CustomerFacts & { shopifyId: number }) | null> {
    try {
      const c = await this.shopify.getCustomer(id);
      return { shopifyId: c.id, email: c.email, name: [c.first_name, c.last_name].filter(Boolean).join(' ') || null };
    } catch (error) {
      if (error instanceof ConnectorHttpError && error.status === 404) return null;
      throw error;
    }
  }

  /** Every line the customer bought in the last `CUSTOMER_HISTORY_DAYS` (cancelled orders left out). */
  async purchases(customerId: number, now: number): Promise<PurchasedLine[]> {
    const orders = await this.shopify
      .listOrders({ customerId, status: 'any', created_at_min: since(now, CUSTOMER_HISTORY_DAYS), limit: 250, fields: ORDER_FIELDS })
      .toArray(SHOP_HISTORY_MAX_ORDERS);
    return orders.filter(kept).flatMap((o) =>
      o.line_items.flatMap((li) => (li.product_id === null ? [] : [{ productId: li.product_id, price: Number(li.price), at: Date.parse(o.created_at) }])),
    );
  }

  /** The shop's recent orders (every customer's), newest first, as who bought which products together. */
  async orders(now: number): Promise<PastOrder[]> {
    const orders = await this.shopify
      .listOrders({ status: 'any', created_at_min: since(now, SHOP_HISTORY_DAYS), limit: 250, fields: ORDER_FIELDS })
      .toArray(SHOP_HISTORY_MAX_ORDERS);
    return orders.filter(kept).map((o) => ({
      customerId: o.customer?.id ?? 0,
      productIds: [...new Set(o.line_items.flatMap((li) => (li.product_id === null ? [] : [li.product_id])))],
    }));
  }

  /**
   * The candidates: the shop's active catalogue (at most `CATALOGUE_MAX_PRODUCTS`, kept small for the
   * step's stored result), plus any of `ids` (the viewed product, ones in the histories) it left out.
   */
  async catalogue(ids: readonly number[]): Promise<CatalogueProduct[]> {
    const active = await this.shopify.listProducts({ status: 'active', limit: 250, fields: PRODUCT_FIELDS }).toArray(CATALOGUE_MAX_PRODUCTS);
    const found = new Map(active.map((p) => [p.id, p]));
    const missing = [...new Set(ids)].filter((id) => !found.has(id));
    for (let i = 0; i < missing.length; i += 250) {
      for (const p of await this.shopify.listProducts({ ids: missing.slice(i, i + 250), limit: 250, fields: PRODUCT_FIELDS }).toArray()) found.set(p.id, p);
    }
    return [...found.values()].map(reduce).sort((a, b) => a.id - b.id);
  }
}

/** Shopify's `created_at_min`: an ISO 8601 time. */
function since(now: number, days: number): string {
  return new Date(now - days * DAY_MS).toISOString();
}

function kept(order: Pick<ShopifyOrder, 'cancelled_at'>): boolean {
  return order.cancelled_at === null || order.cancelled_at === undefined;
}

/** The first variant's price and stock, the description as plain text: a step result stays small. */
function reduce(p: ShopifyProduct): CatalogueProduct {
  const description = (p.body_html ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, DESCRIPTION_CHARS);
  const variants = p.variants.slice(0, 1).map((v): ShopifyVariant => {
    const kept: ShopifyVariant = { id: v.id, product_id: v.product_id, title: v.title, price: v.price, sku: v.sku };
    if (v.inventory_quantity !== undefined) kept.inventory_quantity = v.inventory_quantity;
    return kept;
  });
  return { id: p.id, title: p.title, product_type: p.product_type, body_html: description, variants };
}
