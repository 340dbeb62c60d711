import { customerProfile, priceFit, rankRecommendations, type PurchasedLine, type RankedProductFacts } from './rank-recommendations.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const daysAgo = (days: number) => NOW - days * 86_400_000;
const bought = (productId: number, price: number, days: number): PurchasedLine => ({ productId, price, at: daysAgo(days) });
const ids = (ranked: readonly { productId: number }[]) => ranked.map((r) => r.productId);

describe('rankRecommendations', () => {
  describe('item-to-item signals (a customer without history)', () => {
    const products = new Map<number, RankedProductFacts>([
      [1, { category: 'audio', price: 100 }], [2, { category: 'audio', price: 50 }], [3, { category: 'kitchen', price: 20 }],
      [4, { category: 'lighting', price: 60 }], [5, { category: 'kitchen', price: 30 }],
    ]);
    const orders = [
      { customerId: 10, productIds: [1, 3] },
      { customerId: 11, productIds: [1, 3, 4] },
      { customerId: 12, productIds: [5] },
      { customerId: 99, productIds: [4] },
    ];

    it('puts products bought together with the viewed one first, then the same category, and explains each', () => {
      const ranked = rankRecommendations({ viewedProductId: 1, customerId: 98, history: [], orders, products, now: NOW });
      expect(ranked).toEqual([
        // 3 × 2/(2+1) + 0.5 × 2/2
        { productId: 3, score: 2.5, reasons: ['bought together with the viewed product (2 of 2 orders)', 'popular (2 recent orders)'] },
        { productId: 4, score: 1.5, reasons: ['bought together with the viewed product (1 of 2 orders)', 'popular (2 recent orders)'] },
        { productId: 2, score: 1, reasons: ['same category as the viewed product (audio)'] },
      ]);
    });

    it('never recommends the viewed product nor one the customer bought', () => {
      const ranked = ids(rankRecommendations({ viewedProductId: 1, customerId: 99, history: [bought(4, 60, 10)], orders, products, now: NOW, limit: 10 }));
      expect(ranked).not.toContain(1);
      expect(ranked).not.toContain(4);
      expect(ranked).toEqual(expect.arrayContaining([2, 3, 5]));
    });

    it("does not count the customer's own orders as co-purchases", () => {
      const own = [{ customerId: 98, productIds: [1, 2] }];
      expect(rankRecommendations({ viewedProductId: 1, customerId: 98, history: [], orders: own, products, now: NOW, limit: 10 })[0]?.reasons)
        .toEqual(['same category as the viewed product (audio)', 'popular (1 recent order)']);
    });
  });

  describe("the customer's history", () => {
    // The lamp is viewed; nobody bought anything with it: only the history tells the lists apart.
    const products = new Map<number, RankedProductFacts>([
      [10, { category: 'lighting', price: 50 }],
      [20, { category: 'audio', price: 80 }], [21, { category: 'audio', price: 40 }], [22, { category: 'audio', price: 60 }],
      [30, { category: 'kitchen', price: 40 }], [31, { category: 'kitchen', price: 80 }], [32, { category: 'kitchen', price: 60 }],
    ]);
    const rank = (history: PurchasedLine[], extra: Partial<Parameters<typeof rankRecommendations>[0]> = {}) =>
      rankRecommendations({ viewedProductId: 10, customerId: 1, history, orders: [], products, now: NOW, limit: 4, ...extra });

    it('categories they buy: an audio buyer and a kitchen buyer get different lists from the same view', () => {
      const audio = rank([bought(22, 60, 5)]);
      const kitchen = rank([bought(32, 60, 5)]);
      expect(ids(audio).slice(0, 2)).toEqual([20, 21]);
      expect(ids(kitchen).slice(0, 2)).toEqual([31, 30]);
      expect(audio[0]!.reasons).toContain('you buy audio (100% of your recent purchases)');
      expect(kitchen[0]!.reasons).toContain('you buy kitchen (100% of your recent purchases)');
    });

    it('price band: within one category, the product near what they usually pay comes first', () => {
      const catalogue = new Map<number, RankedProductFacts>([[10, { category: 'lighting', price: 50 }], [20, { category: 'audio', price: 200 }], [21, { category: 'audio', price: 35 }], [22, { category: 'audio' }]]);
      const thrifty = rank([bought(22, 30, 5)], { products: catalogue });
      const premium = rank([bought(22, 180, 5)], { products: catalogue });
      expect(ids(thrifty)).toEqual([21, 20]);
      expect(ids(premium)).toEqual([20, 21]);
      expect(thrifty[0]!.reasons).toContain('in your usual price range (~30.00)');
      expect(thrifty[1]!.reasons).not.toContain('in your usual price range (~30.00)');
    });

    it('recency: the same two purchases rank the other way round when their dates swap', () => {
      const catalogue = new Map<number, RankedProductFacts>([[10, { category: 'lighting' }], [20, { category: 'audio', price: 50 }], [30, { category: 'kitchen', price: 50 }], [22, { category: 'audio' }], [32, { category: 'kitchen' }]]);
      const recentKitchen = rank([bought(22, 50, 300), bought(32, 50, 5)], { products: catalogue });
      const recentAudio = rank([bought(22, 50, 5), bought(32, 50, 300)], { products: catalogue });
      expect(ids(recentKitchen)).toEqual([30, 20]);
      expect(ids(recentAudio)).toEqual([20, 30]);
      expect(recentKitchen[0]!.reasons).toContain('you buy kitchen (99% of your recent purchases)');
    });

    it('is not global popularity: a best seller outside their taste loses to a product that fits them', () => {
      const catalogue = new Map<number, RankedProductFacts>([[10, { category: 'lighting' }], [20, { category: 'audio', price: 50 }], [22, { category: 'audio' }], [40, { category: 'footwear', price: 400 }]]);
      const orders = [2, 3, 4, 5, 6].map((customerId) => ({ customerId, productIds: [40] }));
      expect(ids(rank([], { products: catalogue, orders }))).toEqual([40]);
      expect(ids(rank([bought(22, 50, 5)], { products: catalogue, orders }))).toEqual([20, 40]);
    });
  });
});

describe('customerProfile', () => {
  it('weighs purchases by age (half weight after 45 days) and takes the geometric mean of prices', () => {
    const products = new Map<number, RankedProductFacts>([[1, { category: 'audio' }], [2, { category: 'kitchen' }]]);
    const profile = customerProfile([bought(1, 20, 0), bought(2, 80, 45)], products, NOW);
    expect(profile.categoryShares.get('audio')).toBeCloseTo(2 / 3, 6);
    expect(profile.categoryShares.get('kitchen')).toBeCloseTo(1 / 3, 6);
    expect(profile.usualPrice).toBeCloseTo(Math.exp((Math.log(20) + 0.5 * Math.log(80)) / 1.5), 6);
    expect([...profile.owned]).toEqual([1, 2]);
    expect(customerProfile([], products, NOW)).toEqual({ categoryShares: new Map(), owned: new Set() });
  });
});

describe('priceFit', () => {
  it('is 1 at the usual price, symmetric on a log scale, 0 from 4× away and without a price', () => {
    expect(priceFit(50, 50)).toBe(1);
    expect(priceFit(100, 50)).toBeCloseTo(0.5, 9);
    expect(priceFit(25, 50)).toBeCloseTo(0.5, 9);
    expect(priceFit(200, 50)).toBe(0);
    expect(priceFit(undefined, 50)).toBe(0);
    expect(priceFit(50, undefined)).toBe(0);
  });
});
