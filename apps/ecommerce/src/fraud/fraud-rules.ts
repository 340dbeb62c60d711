/** What the fraud check knows about a new order, its customer's history in Shopify and their payments in Stripe. */
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
  /** The customer's past Stripe charges that were disputed (chargebacks). */
  readonly disputedCharges: number;
  /** The customer's past Stripe charges refunded in full or in part. */
  readonly refundedCharges: number;
  /** The customer's past Stripe charges whose `outcome.risk_level` was `elevated` or `highest`. */
  readonly riskyCharges: number;
}

export interface FraudAssessment {
  /** 0 (no signal) to 100. */
  readonly score: number;
  readonly level: 'low' | 'medium' | 'high';
  readonly reasons: readonly string[];
}

export type FraudVerdict = 'approve' | 'hold';

/** A score at or above this holds the order (the `high` level). */
export const HOLD_SCORE = 60;

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Each rule: its points and, when it fires, the sentence that explains it. */
export const FRAUD_RULES: readonly { readonly name: string; readonly points: number; readonly reason: (f: OrderFacts) => string | undefined }[] = [
  { name: 'large-first-order', points: 30, reason: (f) => (f.previousOrders === 0 && f.total >= 300 ? `first order is large ($${f.total.toFixed(2)})` : undefined) },
  { name: 'above-average', points: 30, reason: (f) => (f.previousOrders > 0 && f.total > 3 * f.averagePreviousTotal ? `total is ${(f.total / f.averagePreviousTotal).toFixed(1)}× the customer's average` : undefined) },
  { name: 'many-units', points: 20, reason: (f) => (f.maxQuantity >= 5 ? `${f.maxQuantity} units of one item` : undefined) },
  { name: 'order-burst', points: 25, reason: (f) => (f.ordersLastHour >= 2 ? `${f.ordersLastHour + 1} orders within an hour` : undefined) },
  { name: 'urgent-note', points: 15, reason: (f) => (f.urgentNote ? 'note asks for rushed or unusual delivery' : undefined) },
  { name: 'disputed-payments', points: 40, reason: (f) => (f.disputedCharges > 0 ? `${plural(f.disputedCharges, 'past payment')} disputed (chargeback)` : undefined) },
  { name: 'refunded-payments', points: 10, reason: (f) => (f.refundedCharges > 0 ? `${plural(f.refundedCharges, 'past payment')} refunded` : undefined) },
  { name: 'risky-payments', points: 20, reason: (f) => (f.riskyCharges > 0 ? `Stripe rated ${plural(f.riskyCharges, 'past payment')} elevated or highest risk` : undefined) },
  { name: 'vip', points: -20, reason: (f) => (f.customerTags.includes('vip') ? 'long-standing VIP customer' : undefined) },
];

/** Transparent rules, so every alert says why it fired. */
export function assessFraud(facts: OrderFacts): FraudAssessment {
  let score = 0;
  const reasons: string[] = [];
  for (const rule of FRAUD_RULES) {
    const reason = rule.reason(facts);
    if (reason === undefined) continue;
    score += rule.points;
    reasons.push(reason);
  }
  score = Math.max(0, Math.min(100, score));
  return { score, level: score >= HOLD_SCORE ? 'high' : score >= 30 ? 'medium' : 'low', reasons };
}

/** High risk is held for a person to look at; low and medium risk ship (medium keeps its reasons on record). */
export function fraudVerdict(assessment: FraudAssessment): FraudVerdict {
  return assessment.score >= HOLD_SCORE ? 'hold' : 'approve';
}
