import type { ReviewSummary } from '../db/review-summary.js';
import type { ReviewQuality } from './review-quality.js';
import type { ReviewData } from './review-created.event.js';

export interface ReviewFacts {
  readonly review: Pick<ReviewData, 'rating' | 'title' | 'customer_email'>;
  readonly productTitle: string;
  readonly sentiment: { readonly label: string; readonly score: number; readonly language: string };
  readonly topics: readonly string[];
  readonly quality: ReviewQuality;
}

/** A review needs a person's attention when its text is negative or its stars are low. */
export function isUnhappy(rating: number, sentimentLabel: string): boolean {
  return sentimentLabel === 'negative' || rating <= 2;
}

/** The CRM note on the reviewer's contact. */
export function crmNote({ review, productTitle, sentiment, topics, quality }: ReviewFacts): string {
  const flags = quality.flags.length > 0 ? ` (${quality.flags.join(', ')})` : '';
  return [
    `Review of ${productTitle}: ${review.rating}★ "${review.title}"`,
    `Sentiment: ${sentiment.label} (${sentiment.score.toFixed(2)}, ${sentiment.language})`,
    `Topics: ${topics.join(', ') || 'none'}`,
    `Quality: ${quality.score.toFixed(2)}${flags}`,
  ].join('\n');
}

/** The #reviews alert: the review, and where the product stands now that it counts. */
export function slackAlert(facts: ReviewFacts, summary: ReviewSummary | undefined): string {
  const { review, productTitle, sentiment, topics } = facts;
  const standing = summary && summary.meanRating !== null
    ? `\n${productTitle} now averages ${summary.meanRating.toFixed(2)}★` +
      (summary.meanSentiment === null ? '' : `, sentiment ${summary.meanSentiment.toFixed(2)}`) +
      ` over ${summary.reviews} ${summary.reviews === 1 ? 'review' : 'reviews'} (${summary.distribution.negative} negative).`
    : '';
  return `:warning: Unhappy review of *${productTitle}* from ${review.customer_email}: ${review.rating}★ "${review.title}" — ` +
    `${sentiment.label} (${sentiment.score.toFixed(2)}, ${sentiment.language}); topics: ${topics.join(', ') || 'none'}.${standing}`;
}
