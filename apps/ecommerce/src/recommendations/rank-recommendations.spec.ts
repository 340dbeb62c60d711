import { rankRecommendations } from './rank-recommendations.js';

describe('rankRecommendations', () => {
  const categories = new Map([[1, 'audio'], [2, 'audio'], [3, 'kitchen'], [4, 'lighting'], [5, 'kitchen']]);
  const orders = [
    { customerId: 10, productIds: [1, 3] },
    { customerId: 11, productIds: [1, 3, 4] },
    { customerId: 12, productIds: [5] },
    { customerId: 99, productIds: [4] },
  ];

  it('puts products bought together with the viewed one first, and explains why', () => {
    const ranked = rankRecommendations({ viewedProductId: 1, customerId: 99, orders, categories });
    expect(ranked.map((r) => r.productId)).toEqual([3, 2, 5]);
    expect(ranked[0]).toEqual({ productId: 3, score: 7, reasons: ['bought together with the viewed product', 'popular'] });
    expect(ranked[1]!.reasons).toEqual(['same category (audio)']);
  });

  it('never recommends the viewed product nor one the customer owns', () => {
    const ids = rankRecommendations({ viewedProductId: 1, customerId: 99, orders, categories, limit: 10 }).map((r) => r.productId);
    expect(ids).not.toContain(1);
    expect(ids).not.toContain(4);
  });
});
