import { Injectable } from '@nestjs/common';
import { asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { InjectDb } from '../db/inject-db.decorator.js';
import type { Database } from '../db/database.types.js';
import { customers, products, recommendations } from '../db/schema.js';
import { ShopRepository, type CustomerFacts } from '../shop/shop.repository.js';
import type { CatalogueProduct } from './shopify-history.js';

export interface RecommendationsToStore {
  readonly customer: CustomerFacts & { readonly shopifyId: number };
  readonly viewed: CatalogueProduct;
  /** Best first: the order the API shows them in. */
  readonly items: readonly { readonly product: CatalogueProduct; readonly score: number; readonly reasons: readonly string[] }[];
  readonly categories: Readonly<Record<string, string>>;
  readonly explanation: string | null;
}

/** A customer's current recommendations, as `GET /customers/:id/recommendations` shows them (Shopify ids). */
export interface StoredRecommendations {
  readonly customerId: number;
  readonly viewedProductId: number | null;
  readonly computedAt: string | null;
  readonly explanation: string | null;
  readonly items: readonly { readonly productId: number; readonly title: string; readonly score: number; readonly reasons: string[] }[];
}

const viewedProducts = alias(products, 'viewed_products');

/** The recommendations rows: each computation replaces the customer's list. */
@Injectable()
export class RecommendationsRepository {
  constructor(
    @InjectDb() private readonly db: Database,
    private readonly shop: ShopRepository,
  ) {}

  /**
   * Upserts the customer and the products, then replaces the customer's rows in one transaction, so
   * a reader sees the old list or the new one, never a mix. Running it again writes the same rows.
   */
  async replace(input: RecommendationsToStore): Promise<{ customerId: number; rows: number }> {
    const customerId = await this.shop.upsertCustomer(input.customer);
    if (customerId === undefined) throw new Error(`Shopify customer ${input.customer.shopifyId} could not be stored: no id to key the row on.`);
    const productId = new Map<number, number>();
    for (const product of [input.viewed, ...input.items.map((i) => i.product)]) {
      if (!productId.has(product.id)) productId.set(product.id, await this.shop.upsertProduct(product, input.categories[product.id]));
    }
    await this.db.transaction(async (tx) => {
      await tx.delete(recommendations).where(eq(recommendations.customerId, customerId));
      if (input.items.length === 0) return;
      // One INSERT: identity ids follow the rows' order, which is how `of()` reads the ranking back.
      await tx.insert(recommendations).values(input.items.map((item) => ({
        customerId,
        productId: productId.get(item.product.id)!,
        score: item.score,
        reasons: [...item.reasons],
        explanation: input.explanation,
        viewedProductId: productId.get(input.viewed.id)!,
      })));
    });
    return { customerId, rows: input.items.length };
  }

  /** Undefined when no customer row has this Shopify id. */
  async of(shopifyCustomerId: number): Promise<StoredRecommendations | undefined> {
    const [customer] = await this.db.select({ id: customers.id }).from(customers).where(eq(customers.shopifyId, shopifyCustomerId));
    if (!customer) return undefined;
    const rows = await this.db
      .select({
        productId: products.shopifyId, title: products.title, score: recommendations.score, reasons: recommendations.reasons,
        explanation: recommendations.explanation, computedAt: recommendations.computedAt, viewedProductId: viewedProducts.shopifyId,
      })
      .from(recommendations)
      .innerJoin(products, eq(products.id, recommendations.productId))
      .leftJoin(viewedProducts, eq(viewedProducts.id, recommendations.viewedProductId))
      .where(eq(recommendations.customerId, customer.id))
      .orderBy(asc(recommendations.id));
    const first = rows[0];
    return {
      customerId: shopifyCustomerId,
      viewedProductId: first?.viewedProductId ?? null,
      computedAt: first?.computedAt.toISOString() ?? null,
      explanation: first?.explanation ?? null,
      items: rows.map((r) => ({ productId: r.productId!, title: r.title, score: r.score, reasons: r.reasons as string[] })),
    };
  }
}
