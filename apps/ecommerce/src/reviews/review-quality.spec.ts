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

  it('caps the length bonus at 40 words: a long, consistent review scores 1', () => {
    expect(reviewQuality({ rating: 5, body: `${detailed} ${detailed}` }, { label: 'positive' }, ['battery'])).toEqual({ score: 1, flags: [] });
  });

  it('counts eight words as enough, seven as too short', () => {
    expect(reviewQuality({ rating: 3, body: 'one two three four five six seven' }, { label: 'neutral' }, ['x']).flags).toEqual(['too_short']);
    expect(reviewQuality({ rating: 3, body: 'one two three four five six seven eight' }, { label: 'neutral' }, ['x']).flags).toEqual([]);
  });

  it('sees a mismatch both ways, never for a neutral text or a middling rating', () => {
    const body = 'Lovely, works exactly as described and arrived quickly, thank you.';
    expect(reviewQuality({ rating: 1, body }, { label: 'positive' }, ['delivery']).flags).toEqual(['rating_mismatch']);
    expect(reviewQuality({ rating: 2, body }, { label: 'positive' }, ['delivery']).flags).toEqual(['rating_mismatch']);
    expect(reviewQuality({ rating: 5, body }, { label: 'neutral' }, ['delivery']).flags).toEqual([]);
    expect(reviewQuality({ rating: 3, body }, { label: 'negative' }, ['delivery']).flags).toEqual([]);
  });

  it('judges shouting on the letters of every script the shop reads, not only A–Z', () => {
    expect(reviewQuality({ rating: 1, body: 'ŚWIETNE? NIE! ZEPSUŁO SIĘ PO DWÓCH DNIACH, ŻAŁOSNE' }, { label: 'negative' }, ['x']).flags).toEqual(['shouting']);
    expect(reviewQuality({ rating: 2, body: 'Șnurul s-a rupt și țesătura s-a destrămat după o săptămână.' }, { label: 'negative' }, ['x']).flags).toEqual([]);
    // Digits and punctuation alone are not shouting, nor a script without case.
    expect(reviewQuality({ rating: 5, body: 'とても良いヘッドホンです。音質が最高で、バッテリーも長持ちします。' }, { label: 'positive' }, ['x']).flags).toEqual(['too_short']);
    expect(reviewQuality({ rating: 3, body: '10/10 2024 !!! 3.5 … 42 42 42 42' }, { label: 'neutral' }, ['x']).flags).toEqual([]);
  });
});
