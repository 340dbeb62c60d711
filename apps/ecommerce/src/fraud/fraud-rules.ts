/** What the fraud check knows about a new order and its customer's history. */
export interface OrderFacts {
  readonly total: number;
  /** Largest quantity of one line item. */
  readonly maxQuantity: number;
  /** The customer's earlier orders (not cancelled). */
  readonly previousOrders: number;
  readonly averagePreviousTotal: number;
  /** Orders by the same customer in the last hour, this one excluded. */
  readonly ordersLastHour: number;
  /** The order note asks for rushed or unusual delivery (AI-classified). */
  readonly urgentNote: boolean;
  readonly customerTags: readonly string[];
}

export interface FraudAssessment {
  /** 0 (no signal) to 100. */
  readonly score: number;
  readonly level: 'low' | 'medium' | 'high';
  readonly reasons: readonly string[];
}

const RULES: readonly { points: number; reason: (f: OrderFacts) => string | undefined }[] = [
  { points: 30, reason: (f) => (f.previousOrders === 0 && f.total >= 300 ? `first order is large ($${f.total.toFixed(2)})` : undefined) },
  { points: 30, reason: (f) => (f.previousOrders > 0 && f.total > 3 * f.averagePreviousTotal ? `total is ${(f.total / f.averagePreviousTotal).toFixed(1)}× the customer's average` : undefined) },
  { points: 20, reason: (f) => (f.maxQuantity >= 5 ? `${f.maxQuantity} units of one item` : undefined) },
  { points: 25, reason: (f) => (f.ordersLastHour >= 2 ? `${f.ordersLastHour + 1} orders within an hour` : undefined) },
  { points: 15, reason: (f) => (f.urgentNote ? 'note asks for rushed or unusual delivery' : undefined) },
  { points: -20, reason: (f) => (f.customerTags.includes('vip') ? 'long-standing VIP customer' : undefined) },
];

/** Transparent rules, so every alert says why it fired. */
export function assessFraud(facts: OrderFacts): FraudAssessment {
  let score = 0;
  const reasons: string[] = [];
  for (const rule of RULES) {
    const reason = rule.reason(facts);
    if (reason === undefined) continue;
    score += rule.points;
    reasons.push(reason);
  }
  score = Math.max(0, Math.min(100, score));
  return { score, level: score >= 60 ? 'high' : score >= 30 ? 'medium' : 'low', reasons };
}
