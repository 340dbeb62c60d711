import { Injectable } from '@nestjs/common';
import { AiService, CacheAiResult } from '@aiwire/ai';
import { InjectConnector, type ShopifyConnector, type ShopifyProduct } from '@aiwire/connectors';
import { rankRecommendations, type Recommendation } from './rank-recommendations.js';

export const PRODUCT_CATEGORIES = ['audio', 'footwear', 'kitchen', 'lighting', 'other'] as const;

export interface TitledRecommendation extends Recommendation {
  readonly title: string;
}

/** "Customers who bought this also bought", over the shop's order history and AI-read categories. */
@Injectable()
export class RecommendationService {
  constructor(
    @InjectConnector('shopify') private readonly shopify: ShopifyConnector,
    private readonly ai: AiService,
  ) {}

  async recommend(customerId: number, viewedProductId: number): Promise<TitledRecommendation[]> {
    const orders = await this.shopify.listOrders({ status: 'any', limit: 250, fields: ['id', 'customer', 'line_items'] }).toArray();
    const past = orders.map((o) => ({ customerId: o.customer?.id ?? 0, productIds: o.line_items.flatMap((li) => (li.product_id === null ? [] : [li.product_id])) }));
    const ids = [...new Set([viewedProductId, ...past.flatMap((o) => o.productIds)])];
    const products = new Map((await Promise.all(ids.map((id) => this.shopify.getProduct(id)))).map((p) => [p.id, p]));
    const categories = new Map<number, string>();
    for (const product of products.values()) categories.set(product.id, await this.category(product.id, describe(product)));
    return rankRecommendations({ viewedProductId, customerId, orders: past, categories }).map((r) => ({ ...r, title: products.get(r.productId)?.title ?? String(r.productId) }));
  }

  /** A product's category rarely changes: classified once, then served from Redis for a day. */
  @CacheAiResult({ ttlSeconds: 86_400 })
  async category(_productId: number, description: string): Promise<string> {
    return (await this.ai.classify(description, [...PRODUCT_CATEGORIES])).label;
  }
}

function describe(product: ShopifyProduct): string {
  return `${product.title}. ${product.product_type}. ${(product.body_html ?? '').replace(/<[^>]+>/g, ' ')}`;
}
