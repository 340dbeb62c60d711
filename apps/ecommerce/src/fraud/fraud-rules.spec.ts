import { assessFraud, fraudVerdict, FRAUD_RULES, HOLD_SCORE, type OrderFacts } from './fraud-rules.js';

const usual: OrderFacts = {
  total: 120, maxQuantity: 1, previousOrders: 4, averagePreviousTotal: 110, ordersLastHour: 0, urgentNote: false, customerTags: [],
  disputedCharges: 0, refundedCharges: 0, riskyCharges: 0,
};

describe('assessFraud', () => {
  it('finds nothing in a usual order', () => {
    expect(assessFraud(usual)).toEqual({ score: 0, level: 'low', reasons: [] });
  });

  it('flags a large order, many units, a burst of orders and an urgent note as high risk, with every reason', () => {
    const result = assessFraud({ ...usual, total: 1500, maxQuantity: 6, ordersLastHour: 2, urgentNote: true });
    expect(result.level).toBe('high');
    expect(result.score).toBe(90);
    expect(result.reasons).toEqual(["total is 13.6× the customer's average", '6 units of one item', '3 orders within an hour', 'note asks for rushed or unusual delivery']);
  });

  it('treats a large first order as medium risk', () => {
    expect(assessFraud({ ...usual, previousOrders: 0, averagePreviousTotal: 0, total: 450 })).toMatchObject({ score: 30, level: 'medium' });
  });

  it('lowers the score for VIP customers but never below 0', () => {
    expect(assessFraud({ ...usual, customerTags: ['vip'] }).score).toBe(0);
    expect(assessFraud({ ...usual, maxQuantity: 8, customerTags: ['vip'] }).score).toBe(0);
    expect(assessFraud({ ...usual, maxQuantity: 8, urgentNote: true, ordersLastHour: 3, customerTags: ['vip'] }).score).toBe(40);
  });

  it('caps the score at 100', () => {
    const worst = { ...usual, previousOrders: 0, averagePreviousTotal: 0, total: 900, maxQuantity: 9, ordersLastHour: 4, urgentNote: true, disputedCharges: 2, refundedCharges: 1, riskyCharges: 1 };
    expect(assessFraud(worst).score).toBe(100);
  });
});

describe('each rule on its own', () => {
  const cases: [name: string, facts: Partial<OrderFacts>, points: number, reason: string][] = [
    ['large-first-order', { previousOrders: 0, averagePreviousTotal: 0, total: 300 }, 30, 'first order is large ($300.00)'],
    ['above-average', { total: 331 }, 30, "total is 3.0× the customer's average"],
    ['many-units', { maxQuantity: 5 }, 20, '5 units of one item'],
    ['order-burst', { ordersLastHour: 2 }, 25, '3 orders within an hour'],
    ['urgent-note', { urgentNote: true }, 15, 'note asks for rushed or unusual delivery'],
    ['disputed-payments', { disputedCharges: 1 }, 40, '1 past payment disputed (chargeback)'],
    ['refunded-payments', { refundedCharges: 2 }, 10, '2 past payments refunded'],
    ['risky-payments', { riskyCharges: 1 }, 20, 'Stripe rated 1 past payment elevated or highest risk'],
  ];

  it.each(cases)('%s fires with its points and its reason', (name, facts, points, reason) => {
    expect(FRAUD_RULES.find((r) => r.name === name)?.points).toBe(points);
    expect(assessFraud({ ...usual, ...facts })).toMatchObject({ score: points, reasons: [reason] });
  });

  it.each(cases)('%s stays quiet just below its threshold', (name) => {
    const below: Record<string, Partial<OrderFacts>> = {
      'large-first-order': { previousOrders: 0, averagePreviousTotal: 0, total: 299.99 },
      'above-average': { total: 330 },
      'many-units': { maxQuantity: 4 },
      'order-burst': { ordersLastHour: 1 },
      'urgent-note': { urgentNote: false },
      'disputed-payments': { disputedCharges: 0 },
      'refunded-payments': { refundedCharges: 0 },
      'risky-payments': { riskyCharges: 0 },
    };
    expect(assessFraud({ ...usual, ...below[name] })).toEqual({ score: 0, level: 'low', reasons: [] });
  });

  it('vip takes 20 points off what the other rules found', () => {
    expect(assessFraud({ ...usual, disputedCharges: 1, customerTags: ['vip'] })).toMatchObject({ score: 20, reasons: ['1 past payment disputed (chargeback)', 'long-standing VIP customer'] });
  });
});

describe('fraudVerdict', () => {
  it(`holds at ${HOLD_SCORE} and above, approves below`, () => {
    expect(fraudVerdict({ score: HOLD_SCORE, level: 'high', reasons: [] })).toBe('hold');
    expect(fraudVerdict({ score: HOLD_SCORE - 1, level: 'medium', reasons: [] })).toBe('approve');
    expect(fraudVerdict(assessFraud(usual))).toBe('approve');
  });
});
