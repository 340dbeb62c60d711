/** One past order, reduced to what recommendations need. */
export interface PastOrder {
  readonly customerId: number;
  readonly productIds: readonly number[];
}

export interface Recommendation {
  readonly productId: number;
  readonly score: number;
  readonly reasons: readonly string[];
}

/**
 * "Bought together" ranking: products that other customers bought with the viewed one, then
 * products of the same category, then popular ones — never the viewed product, never one the
 * customer already owns.
 */
export function rankRecommendations(input: {
  viewedProductId: number;
  customerId: number;
  orders: readonly PastOrder[];
  categories: ReadonlyMap<number, string>;
  limit?: number;
}): Recommendation[] {
  const { viewedProductId, customerId, orders, categories } = input;
  const owned = new Set(orders.filter((o) => o.customerId === customerId).flatMap((o) => o.productIds));
  const viewedCategory = categories.get(viewedProductId);
  const scores = new Map<number, { score: number; reasons: Set<string> }>();
  const add = (productId: number, points: number, reason: string) => {
    if (productId === viewedProductId || owned.has(productId)) return;
    const entry = scores.get(productId) ?? { score: 0, reasons: new Set<string>() };
    entry.score += points;
    entry.reasons.add(reason);
    scores.set(productId, entry);
  };
  for (const order of orders) {
    const together = order.productIds.includes(viewedProductId) && order.customerId !== customerId;
    for (const productId of new Set(order.productIds)) {
      if (together) add(productId, 3, 'bought together with the viewed product');
      add(productId, 0.5, 'popular');
    }
  }
  for (const [productId, category] of categories) {
    if (viewedCategory !== undefined && category === viewedCategory) add(productId, 1, `same category (${category})`);
  }
  return [...scores]
    .map(([productId, { score, reasons }]) => ({ productId, score, reasons: [...reasons] }))
    .sort((a, b) => b.score - a.score || a.productId - b.productId)
    .slice(0, input.limit ?? 3);
}
