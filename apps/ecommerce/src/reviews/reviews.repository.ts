import { Injectable } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import type { ShopifyProduct } from '@aiwire/connectors';
import { InjectDb } from '../db/inject-db.decorator.js';
import type { Database } from '../db/database.types.js';
import { products, reviewAnalyses, reviews } from '../db/schema.js';
import { reviewSummary, type ReviewSummary } from '../db/review-summary.js';
import { ShopRepository } from '../shop/shop.repository.js';
import type { ReviewQuality } from './review-quality.js';
import type { ReviewSentiment } from './review-analyser.js';
import type { ReviewData } from './review-created.event.js';

export interface AnalysedReview {
  readonly review: ReviewData;
  /** When the customer wrote it (ISO). */
  readonly writtenAt: string;
  readonly product: Pick<ShopifyProduct, 'id' | 'title' | 'variants'>;
  readonly sentiment: ReviewSentiment;
  readonly topics: readonly string[];
  readonly quality: ReviewQuality;
  /** Who produced the analysis (`review_analyses.model`). */
  readonly model: string;
}

/** `GET /products/:id/reviews/summary`: the aggregate under the product's Shopify id and title. */
export type ProductReviewSummary = Omit<ReviewSummary, 'productId'> & { readonly productId: number; readonly title: string };

/** The reviews and review_analyses rows, and the per-product aggregate over them. */
@Injectable()
export class ReviewsRepository {
  constructor(
    @InjectDb() private readonly db: Database,
    private readonly shop: ShopRepository,
  ) {}

  /**
   * The review (upsert on the platform's id) and its analysis (upsert on the review), in one
   * transaction; product and customer rows first. A delivery analysed again replaces both.
   */
  async store(input: AnalysedReview): Promise<{ reviewId: number; productId: number; customerId: number | null }> {
    const productId = await this.shop.upsertProduct(input.product);
    const customerId = (await this.shop.upsertCustomer({ email: input.review.customer_email })) ?? null;
    const { review, sentiment, quality } = input;
    const reviewId = await this.db.transaction(async (tx) => {
      const fields = { productId, customerId, rating: review.rating, title: review.title, body: review.body, language: sentiment.language };
      const [row] = await tx.insert(reviews).values({ externalId: review.id, ...fields, createdAt: new Date(input.writtenAt) })
        .onConflictDoUpdate({ target: reviews.externalId, set: fields }).returning({ id: reviews.id });
      const analysis = {
        sentimentLabel: sentiment.label, sentimentScore: sentiment.score, topics: [...input.topics],
        qualityScore: quality.score, qualityFlags: [...quality.flags], model: input.model,
      };
      await tx.insert(reviewAnalyses).values({ reviewId: row!.id, ...analysis }).onConflictDoUpdate({ target: reviewAnalyses.reviewId, set: analysis });
      return row!.id;
    });
    return { reviewId, productId, customerId };
  }

  /** The aggregate of a product row. */
  async summaryOf(productId: number): Promise<ReviewSummary | undefined> {
    return reviewSummary(this.db, productId);
  }

  /** Undefined when no product row has this Shopify id. */
  async summaryByShopifyId(shopifyProductId: number): Promise<ProductReviewSummary | undefined> {
    const [product] = await this.db.select({ id: products.id, title: products.title }).from(products).where(eq(products.shopifyId, shopifyProductId));
    if (!product) return undefined;
    const summary = await reviewSummary(this.db, product.id);
    return summary && { ...summary, productId: shopifyProductId, title: product.title };
  }
}
