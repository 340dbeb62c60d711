import { Injectable } from '@nestjs/common';
import { AiService, CacheAiResult } from '@aiwire/ai';
import type { CatalogueProduct } from './shopify-history.js';

export const PRODUCT_CATEGORIES = ['audio', 'footwear', 'kitchen', 'lighting', 'other'] as const;

/** Each product's category, read by the AI from its title, type and description. */
@Injectable()
export class ProductCategories {
  constructor(private readonly ai: AiService) {}

  /** Product id → category, for every product given (one AI call per product not cached yet). */
  async of(products: readonly CatalogueProduct[]): Promise<Record<string, string>> {
    const categories: Record<string, string> = {};
    for (const product of products) categories[product.id] = await this.category(product.id, describe(product));
    return categories;
  }

  /** A product's category rarely changes: classified once, then served from Redis for a day. */
  @CacheAiResult({ ttlSeconds: 86_400 })
  async category(_productId: number, description: string): Promise<string> {
    return (await this.ai.classify(description, [...PRODUCT_CATEGORIES])).label;
  }
}

function describe(product: CatalogueProduct): string {
  return `${product.title}. ${product.product_type}. ${product.body_html ?? ''}`.trim();
}
