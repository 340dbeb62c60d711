import { reviewQuality } from './review-quality.js';

describe('reviewQuality', () => {
  const detailed = 'The headphones sound warm and the battery easily lasts a week of commuting. The case feels solid, but the ear pads get warm after two hours of use.';

  it('scores a detailed, consistent review high with no flags', () => {
    expect(reviewQuality({ rating: 4, body: detailed }, { label: 'positive' }, ['battery', 'case'])).toEqual({ score: 0.82, flags: [] }); // 28 words: 0.4 + 0.6 × 28/40
  });

  it('flags a short, shouting review whose stars disagree with its text', () => {
    const result = reviewQuality({ rating: 5, body: 'TERRIBLE. BROKE AFTER ONE DAY!!!' }, { label: 'negative' }, []);
    expect(result.flags).toEqual(['too_short', 'rating_mismatch', 'shouting', 'no_specifics']);
    expect(result.score).toBe(0);
  });
});
