/** One line the customer bought: which product, at what unit price, when (ms since the epoch). */
export interface PurchasedLine {
  readonly productId: number;
  readonly price: number;
  readonly at: number;
}

/** One order of the shop (any customer's), reduced to who bought what together. */
export interface PastOrder {
  readonly customerId: number;
  readonly productIds: readonly number[];
}

/** What the ranking knows of a product: its AI-read category and its current price. */
export interface RankedProductFacts {
  readonly category?: string;
  readonly price?: number;
}

export interface Recommendation {
  readonly productId: number;
  readonly score: number;
  readonly reasons: readonly string[];
}

export interface RankInput {
  readonly viewedProductId: number;
  readonly customerId: number;
  /** The customer's own purchases. */
  readonly history: readonly PurchasedLine[];
  /** The shop's recent orders, every customer's: co-purchases and popularity. */
  readonly orders: readonly PastOrder[];
  /** Every candidate product (and the viewed one). */
  readonly products: ReadonlyMap<number, RankedProductFacts>;
  /** The moment of the view (ms): purchases are weighed by their age at that moment. */
  readonly now: number;
  /** @default 3 */
  readonly limit?: number;
}

/** The most each signal adds to a score; each signal is scaled to 0..1 first. */
export const RANKING_WEIGHTS = {
  /** Share of the viewed product's orders (other customers') that also hold the candidate, smoothed for few orders. */
  together: 3,
  /** Recency-weighted share of the customer's purchases in the candidate's category. */
  affinity: 2,
  sameCategory: 1,
  /** Closeness of the candidate's price to what the customer usually pays. */
  priceFit: 1,
  /** Orders holding the candidate, relative to the shop's best seller. */
  popularity: 0.5,
} as const;

/** A purchase this many days old counts half as much as one made today. */
export const RECENCY_HALF_LIFE_DAYS = 45;

const DAY_MS = 86_400_000;
/** A price this many times above (or below) the usual one no longer fits at all. */
const PRICE_BAND_FACTOR = 4;

/** What the customer's history says about them: categories by recency-weighted share, their usual price, what they own. */
export interface CustomerProfile {
  readonly categoryShares: ReadonlyMap<string, number>;
  /** Recency-weighted geometric mean of the unit prices they paid; undefined without history. */
  readonly usualPrice?: number;
  readonly owned: ReadonlySet<number>;
}

export function customerProfile(history: readonly PurchasedLine[], products: ReadonlyMap<number, RankedProductFacts>, now: number): CustomerProfile {
  const weight = (at: number) => 0.5 ** (Math.max(0, now - at) / DAY_MS / RECENCY_HALF_LIFE_DAYS);
  const byCategory = new Map<string, number>();
  let categorised = 0;
  let priced = 0;
  let logPrices = 0;
  for (const line of history) {
    const w = weight(line.at);
    const category = products.get(line.productId)?.category;
    if (category !== undefined) {
      byCategory.set(category, (byCategory.get(category) ?? 0) + w);
      categorised += w;
    }
    if (line.price > 0) {
      logPrices += w * Math.log(line.price);
      priced += w;
    }
  }
  const categoryShares = new Map([...byCategory].map(([category, w]) => [category, w / categorised]));
  return { categoryShares, ...(priced > 0 && { usualPrice: Math.exp(logPrices / priced) }), owned: new Set(history.map((l) => l.productId)) };
}

/**
 * The products to show a customer who is looking at `viewedProductId`, best first, each with the
 * reasons that put it there. Item-to-item signals (bought together with the viewed product, same
 * category) meet the customer's own history (the categories they buy and the prices they pay, recent
 * purchases weighing more), with global popularity as a weak tie-breaker. Never the viewed product,
 * never one the customer already bought.
 */
export function rankRecommendations(input: RankInput): Recommendation[] {
  const { viewedProductId, customerId, orders, products } = input;
  const profile = customerProfile(input.history, products, input.now);
  const viewedCategory = products.get(viewedProductId)?.category;
  const withViewed = orders.filter((o) => o.customerId !== customerId && o.productIds.includes(viewedProductId));
  const popularity = countOrders(orders);
  const bestSeller = Math.max(1, ...popularity.values());

  const ranked: Recommendation[] = [];
  for (const [productId, facts] of products) {
    if (productId === viewedProductId || profile.owned.has(productId)) continue;
    const reasons: string[] = [];
    let score = 0;
    const together = withViewed.filter((o) => o.productIds.includes(productId)).length;
    if (together > 0) {
      score += RANKING_WEIGHTS.together * (together / (withViewed.length + 1));
      reasons.push(`bought together with the viewed product (${together} of ${withViewed.length} orders)`);
    }
    const share = facts.category === undefined ? 0 : (profile.categoryShares.get(facts.category) ?? 0);
    if (share > 0) {
      score += RANKING_WEIGHTS.affinity * share;
      reasons.push(`you buy ${facts.category} (${Math.round(share * 100)}% of your recent purchases)`);
    }
    if (viewedCategory !== undefined && facts.category === viewedCategory) {
      score += RANKING_WEIGHTS.sameCategory;
      reasons.push(`same category as the viewed product (${viewedCategory})`);
    }
    const fit = priceFit(facts.price, profile.usualPrice);
    if (fit > 0) {
      score += RANKING_WEIGHTS.priceFit * fit;
      if (fit >= 0.5) reasons.push(`in your usual price range (~${profile.usualPrice!.toFixed(2)})`);
    }
    const sold = popularity.get(productId) ?? 0;
    if (sold > 0) {
      score += RANKING_WEIGHTS.popularity * (sold / bestSeller);
      reasons.push(`popular (${sold} recent ${sold === 1 ? 'order' : 'orders'})`);
    }
    if (score > 0) ranked.push({ productId, score: Math.round(score * 1000) / 1000, reasons });
  }
  return ranked.sort((a, b) => b.score - a.score || a.productId - b.productId).slice(0, input.limit ?? 3);
}

/** 1 at the usual price, falling to 0 at `PRICE_BAND_FACTOR` times above or below it (on a log scale: 2× and ½× fit alike). */
export function priceFit(price: number | undefined, usualPrice: number | undefined): number {
  if (price === undefined || usualPrice === undefined || price <= 0) return 0;
  return Math.max(0, 1 - Math.abs(Math.log(price / usualPrice)) / Math.log(PRICE_BAND_FACTOR));
}

function countOrders(orders: readonly PastOrder[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const order of orders) for (const id of new Set(order.productIds)) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}
