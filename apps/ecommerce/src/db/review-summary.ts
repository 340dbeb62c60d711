import { and, asc, countDistinct, count, desc, eq, gte, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Database } from './database.types.js';
import { products, reviewAnalyses, reviews, type SentimentLabel } from './schema.js';

/** What shoppers say about one product, as `GET /products/:id/reviews/summary` shows it. */
export interface ReviewSummary {
  readonly productId: number;
  /** Reviews in the window, analysed or not. */
  readonly reviews: number;
  /** Of those, how many have an analysis (the sentiment figures cover only these). */
  readonly analysed: number;
  /** Mean star rating, 2 decimals; null without reviews. */
  readonly meanRating: number | null;
  /** Mean sentiment score, -1..1, 3 decimals; null without analyses. */
  readonly meanSentiment: number | null;
  readonly distribution: Readonly<Record<SentimentLabel, number>>;
  /** Most mentioned topics (lower-cased), by how many reviews mention them, then alphabetically. */
  readonly topTopics: readonly { readonly topic: string; readonly reviews: number }[];
  /** One entry per ISO week (Monday, UTC) that has reviews, oldest first. */
  readonly trend: readonly ReviewWeek[];
}

export interface ReviewWeek {
  /** The week's Monday, `YYYY-MM-DD` (UTC). */
  readonly week: string;
  readonly reviews: number;
  readonly meanRating: number;
  /** Null when none of the week's reviews is analysed yet. */
  readonly meanSentiment: number | null;
}

export interface ReviewSummaryOptions {
  /**
   * How many topics `topTopics` lists.
   * @default 5
   */
  topTopics?: number;
  /**
   * Only reviews written at or after this time (the dashboard's window).
   * @default all reviews
   */
  since?: Date;
}

const avgOf = (column: AnyPgColumn) =>
  sql<number | null>`avg(${column})::float8`.mapWith(Number);
const round = (value: number | null, decimals: number) => (value === null ? null : Number(value.toFixed(decimals)));

/**
 * The per-product review aggregate, read in one read-only REPEATABLE READ transaction so its parts
 * agree with each other while reviews keep arriving. Resolves to undefined for an unknown product.
 */
export async function reviewSummary(db: Database, productId: number, options: ReviewSummaryOptions = {}): Promise<ReviewSummary | undefined> {
  const scope = and(eq(reviews.productId, productId), options.since ? gte(reviews.createdAt, options.since) : undefined);
  const analysed = eq(reviewAnalyses.reviewId, reviews.id);
  return db.transaction(async (tx) => {
    const [product] = await tx.select({ id: products.id }).from(products).where(eq(products.id, productId));
    if (!product) return undefined;

    const [totals] = await tx
      .select({ reviews: count(), analysed: count(reviewAnalyses.id), meanRating: avgOf(reviews.rating), meanSentiment: avgOf(reviewAnalyses.sentimentScore) })
      .from(reviews).leftJoin(reviewAnalyses, analysed).where(scope);

    const labels = await tx
      .select({ label: reviewAnalyses.sentimentLabel, n: count() })
      .from(reviews).innerJoin(reviewAnalyses, analysed).where(scope).groupBy(reviewAnalyses.sentimentLabel);

    const mentions = tx
      .select({ reviewId: reviews.id, topic: sql<string>`lower(unnest(${reviewAnalyses.topics}))`.as('topic') })
      .from(reviews).innerJoin(reviewAnalyses, analysed).where(scope).as('mentions');
    const topics = await tx
      .select({ topic: mentions.topic, reviews: countDistinct(mentions.reviewId) })
      .from(mentions).groupBy(mentions.topic)
      .orderBy(desc(countDistinct(mentions.reviewId)), asc(mentions.topic)).limit(options.topTopics ?? 5);

    // Truncated in UTC, not in the session's time zone, so the same rows give the same weeks everywhere.
    const week = sql<string>`to_char(date_trunc('week', ${reviews.createdAt} AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`;
    const weeks = await tx
      .select({ week, reviews: count(), meanRating: avgOf(reviews.rating), meanSentiment: avgOf(reviewAnalyses.sentimentScore) })
      .from(reviews).leftJoin(reviewAnalyses, analysed).where(scope).groupBy(week).orderBy(week);

    const distribution: Record<SentimentLabel, number> = { positive: 0, neutral: 0, negative: 0 };
    for (const { label, n } of labels) distribution[label] = n;
    return {
      productId,
      reviews: totals?.reviews ?? 0,
      analysed: totals?.analysed ?? 0,
      meanRating: round(totals?.meanRating ?? null, 2),
      meanSentiment: round(totals?.meanSentiment ?? null, 3),
      distribution,
      topTopics: topics,
      trend: weeks.map((w) => ({ week: w.week, reviews: w.reviews, meanRating: round(w.meanRating, 2) ?? 0, meanSentiment: round(w.meanSentiment, 3) })),
    };
  }, { isolationLevel: 'repeatable read', accessMode: 'read only' });
}
