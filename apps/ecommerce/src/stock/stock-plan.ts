/** The rules of the nightly stock review (documented in the README's stock review section). */
export const STOCK_RULES = {
  /** Sales read back from the firing: the last four weeks. */
  windowDays: 28,
  /** The recent half of the window, compared with the older half for the trend. */
  recentDays: 14,
  /** Days between ordering and the goods on the shelf: the stock that covers them is the reorder point. */
  leadTimeDays: 7,
  /** Days of sales a purchase order covers once it arrives. */
  coverDays: 30,
} as const;

/** A product's stock as Shopify has it and the threshold our products row sets (0: none set). */
export interface ProductStock {
  readonly productId: number;
  readonly shopifyId: number;
  readonly title: string;
  readonly stock: number;
  readonly stockThreshold: number;
}

/** Units sold of a product in the recent and the older half of the window. */
export interface ProductSales {
  readonly recent: number;
  readonly older: number;
}

export type SalesTrend = 'rising' | 'steady' | 'falling';

/** A product below its threshold and what to order. JSON, so a step can store it. */
export interface ReorderLine extends ProductStock {
  readonly threshold: number;
  /** `set`: the products row's `stock_threshold`; `lead-time`: the stock that covers the lead time at the daily rate. */
  readonly thresholdSource: 'set' | 'lead-time';
  readonly sold: number;
  readonly soldRecent: number;
  /** Units a day the order is planned for. */
  readonly dailyRate: number;
  readonly trend: SalesTrend;
  readonly quantity: number;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * The products below their threshold, each with an order quantity from the sales trend.
 * Daily rate: the higher of the 28-day average and the last 14 days' (a rising trend is planned at
 * its recent pace; a slow fortnight does not starve the shelf). Threshold: the row's
 * `stock_threshold` when set (> 0), else `ceil(rate × lead time)`. Quantity: enough to reach
 * `max(ceil(rate × (lead time + cover)), threshold)` from the current stock.
 */
export function planReorders(products: readonly ProductStock[], sales: Readonly<Record<string, ProductSales>>): ReorderLine[] {
  const r = STOCK_RULES;
  const lines: ReorderLine[] = [];
  for (const product of products) {
    const { recent, older } = sales[String(product.shopifyId)] ?? { recent: 0, older: 0 };
    const sold = recent + older;
    const dailyRate = round2(Math.max(sold / r.windowDays, recent / r.recentDays));
    const set = product.stockThreshold > 0;
    const threshold = set ? product.stockThreshold : Math.ceil(dailyRate * r.leadTimeDays);
    if (product.stock >= threshold) continue;
    const target = Math.max(Math.ceil(dailyRate * (r.leadTimeDays + r.coverDays)), threshold);
    lines.push({ ...product, threshold, thresholdSource: set ? 'set' : 'lead-time', sold, soldRecent: recent, dailyRate, trend: trendOf(recent, older), quantity: target - product.stock });
  }
  return lines;
}

/** Rising when the recent half sold a quarter more than the older half, falling when a quarter less. */
export function trendOf(recent: number, older: number): SalesTrend {
  if (recent > older * 1.25 && recent - older >= 2) return 'rising';
  if (recent < older * 0.75 && older - recent >= 2) return 'falling';
  return 'steady';
}

/** The facts of a line in sentences: what the AI writes the rationale from. */
export function describeReorder(line: ReorderLine): string {
  const r = STOCK_RULES;
  const why = line.thresholdSource === 'set' ? 'the threshold set for it' : `what covers ${r.leadTimeDays} days of lead time`;
  return [
    `${line.title} has ${line.stock} unit${line.stock === 1 ? '' : 's'} in stock, below its reorder point of ${line.threshold} (${why}).`,
    `${line.title} sold ${line.sold} units in the last ${r.windowDays} days, ${line.soldRecent} of them in the last ${r.recentDays} days: demand is ${line.trend}.`,
    `At ${line.dailyRate} units a day, ${r.leadTimeDays} days of lead time and ${r.coverDays} days of cover, ordering ${line.quantity} units of ${line.title} brings the stock to ${line.stock + line.quantity}.`,
  ].join(' ');
}
