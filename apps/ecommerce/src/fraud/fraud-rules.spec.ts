import { assessFraud, type OrderFacts } from './fraud-rules.js';

const usual: OrderFacts = { total: 120, maxQuantity: 1, previousOrders: 4, averagePreviousTotal: 110, ordersLastHour: 0, urgentNote: false, customerTags: [] };

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
});
