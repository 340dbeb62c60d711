/** How useful a review is to other shoppers, and what is wrong with it. */
export interface ReviewQuality {
  /** 0 (useless) to 1. */
  readonly score: number;
  readonly flags: readonly ('too_short' | 'rating_mismatch' | 'shouting' | 'no_specifics')[];
}

/**
 * Heuristics a moderator would apply: long enough to say something, concrete (topics found),
 * not shouting, and a star rating that agrees with what the text says.
 */
export function reviewQuality(review: { rating: number; body: string }, sentiment: { label: string }, topics: readonly string[]): ReviewQuality {
  const words = review.body.trim().split(/\s+/).filter(Boolean);
  // Letters of any script (ș, ț, ł, æ as well as A–Z): shouting is judged on the letters alone.
  const letters = review.body.replace(/[^\p{L}]/gu, '');
  const flags: ReviewQuality['flags'][number][] = [];
  if (words.length < 8) flags.push('too_short');
  if ((review.rating >= 4 && sentiment.label === 'negative') || (review.rating <= 2 && sentiment.label === 'positive')) flags.push('rating_mismatch');
  if (letters.length >= 10 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) flags.push('shouting');
  if (topics.length === 0) flags.push('no_specifics');
  const length = Math.min(1, words.length / 40);
  const score = Math.max(0, 0.4 + 0.6 * length - 0.25 * flags.length);
  return { score: Math.round(score * 100) / 100, flags };
}
