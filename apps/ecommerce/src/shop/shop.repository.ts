import { Injectable } from '@nestjs/common';
import { eq, sql } from 'drizzle-orm';
import type { ShopifyCustomer, ShopifyOrder, ShopifyProduct } from '@aiwire/connectors';
import { InjectDb } from '../db/inject-db.decorator.js';
import type { Database } from '../db/database.types.js';
import { customers, orders, products } from '../db/schema.js';

/** What one of the shop's systems knows about a person; any subset of the keys identifies them. */
export interface CustomerFacts {
  readonly email?: string | null;
  readonly shopifyId?: number | null;
  readonly stripeId?: string | null;
  readonly name?: string | null;
}

/**
 * The rows every flow shares: customers, products and orders as the outside systems describe them.
 * Each write is an upsert keyed by the outside id, so a flow step that runs again (a crash, a
 * replay) writes the same row, not a second one.
 */
@Injectable()
export class ShopRepository {
  constructor(@InjectDb() private readonly db: Database) {}

  /**
   * The customer's row id, created or completed from `facts`. One person is known to Shopify, Stripe
   * and the helpdesk: the email joins them (lower-cased), then the Shopify id, then the Stripe id.
   * Returns undefined when `facts` names no one.
   */
  async upsertCustomer(facts: CustomerFacts): Promise<number | undefined> {
    const email = facts.email?.trim().toLowerCase() || null;
    const values = { email, shopifyId: facts.shopifyId ?? null, stripeId: facts.stripeId ?? null, name: facts.name ?? null };
    if (!email && values.shopifyId === null && values.stripeId === null) return undefined;
    const existing = await this.findCustomer(email, values.shopifyId, values.stripeId);
    if (existing !== undefined) {
      // Fill in what was unknown; never overwrite an id another system gave.
      await this.db.update(customers).set({
        email: sql`coalesce(${customers.email}, ${email})`,
        shopifyId: sql`coalesce(${customers.shopifyId}, ${values.shopifyId})`,
        stripeId: sql`coalesce(${customers.stripeId}, ${values.stripeId})`,
        name: sql`coalesce(${values.name}, ${customers.name})`,
      }).where(eq(customers.id, existing));
      return existing;
    }
    const [row] = await this.db.insert(customers).values(values).onConflictDoNothing().returning({ id: customers.id });
    // Another worker inserted the same person between the read and the insert: theirs is the row.
    return row?.id ?? (await this.findCustomer(email, values.shopifyId, values.stripeId));
  }

  /** The customer row of a Shopify customer object. */
  upsertShopifyCustomer(customer: Pick<ShopifyCustomer, 'id' | 'email' | 'first_name' | 'last_name'>): Promise<number | undefined> {
    const name = [customer.first_name, customer.last_name].filter(Boolean).join(' ') || null;
    return this.upsertCustomer({ shopifyId: customer.id, email: customer.email, name });
  }

  /** The product's row id, its title, price and stock refreshed from Shopify (the first variant's). */
  async upsertProduct(product: Pick<ShopifyProduct, 'id' | 'title' | 'variants'>, category?: string): Promise<number> {
    const variant = product.variants[0];
    const values = {
      shopifyId: product.id,
      title: product.title,
      price: variant ? Number(variant.price) : null,
      stock: variant?.inventory_quantity ?? 0,
      ...(category !== undefined && { category }),
    };
    const [row] = await this.db.insert(products).values(values)
      .onConflictDoUpdate({ target: products.shopifyId, set: { title: values.title, price: values.price, stock: values.stock, ...(category !== undefined && { category }) } })
      .returning({ id: products.id });
    return row!.id;
  }

  /** The row id of a product known by its Shopify id, or undefined. */
  async productId(shopifyId: number): Promise<number | undefined> {
    const [row] = await this.db.select({ id: products.id }).from(products).where(eq(products.shopifyId, shopifyId));
    return row?.id;
  }

  /**
   * The order's row id. Status and tags are the shop's own (the fraud decision, the payment): a
   * webhook delivered again does not reset them.
   */
  async upsertOrder(order: Pick<ShopifyOrder, 'id' | 'name' | 'email' | 'customer' | 'total_price' | 'currency' | 'created_at'>): Promise<number> {
    const customerId = await this.upsertCustomer({ shopifyId: order.customer?.id ?? null, email: order.email });
    const [row] = await this.db.insert(orders).values({
      shopifyId: order.id,
      name: order.name,
      customerId: customerId ?? null,
      total: Number(order.total_price),
      currency: order.currency,
      createdAt: new Date(order.created_at),
    }).onConflictDoUpdate({ target: orders.shopifyId, set: { name: order.name, customerId: customerId ?? null } }).returning({ id: orders.id });
    return row!.id;
  }

  private async findCustomer(email: string | null, shopifyId: number | null, stripeId: string | null): Promise<number | undefined> {
    for (const [column, value] of [[customers.email, email], [customers.shopifyId, shopifyId], [customers.stripeId, stripeId]] as const) {
      if (value === null) continue;
      const [row] = await this.db.select({ id: customers.id }).from(customers).where(eq(column, value));
      if (row) return row.id;
    }
    return undefined;
  }
}
