import { describeReorder, planReorders, trendOf, type ProductStock } from './stock-plan.js';
import { stockReviewSchedule } from './stock-review.schedule.js';

const product = (over: Partial<ProductStock>): ProductStock => ({ productId: 1, shopifyId: 101, title: 'Kettle', stock: 10, stockThreshold: 0, ...over });

describe('the stock review plan', () => {
  it('reorders below the lead-time stock at the recent pace when demand rises', () => {
    // 20 sold in the last 14 days, none before: 20/14 = 1.43 a day (the 28-day average, 0.71, is lower).
    // Reorder point ceil(1.43 × 7) = 11 > 4 on hand; order up to ceil(1.43 × 37) = 53, so 49.
    const [line] = planReorders([product({ stock: 4 })], { 101: { recent: 20, older: 0 } });
    expect(line).toMatchObject({ threshold: 11, thresholdSource: 'lead-time', dailyRate: 1.43, trend: 'rising', sold: 20, quantity: 49 });
  });

  it('plans a falling product at its 28-day average, and leaves well-stocked ones alone', () => {
    // 4 recent + 24 older = 28 in 28 days: 1 a day (recent pace 0.29); reorder point 7; up to 37.
    const lines = planReorders([product({ stock: 5 }), product({ productId: 2, shopifyId: 102, stock: 40 })], { 101: { recent: 4, older: 24 }, 102: { recent: 14, older: 14 } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ shopifyId: 101, dailyRate: 1, threshold: 7, trend: 'falling', quantity: 32 });
  });

  it('uses the threshold set on the row, even without sales', () => {
    expect(planReorders([product({ stock: 8, stockThreshold: 10 })], {})).toEqual([expect.objectContaining({ threshold: 10, thresholdSource: 'set', dailyRate: 0, quantity: 2 })]);
    expect(planReorders([product({ stock: 10, stockThreshold: 10 })], {})).toEqual([]);
    expect(planReorders([product({ stock: 0 })], {})).toEqual([]);
  });

  it('calls a trend only on a real difference', () => {
    expect(trendOf(3, 2)).toBe('steady');
    expect(trendOf(6, 2)).toBe('rising');
    expect(trendOf(1, 6)).toBe('falling');
  });

  it('writes the facts the AI drafts the rationale from', () => {
    const [line] = planReorders([product({ stock: 4 })], { 101: { recent: 20, older: 0 } });
    expect(describeReorder(line!)).toBe(
      'Kettle has 4 units in stock, below its reorder point of 11 (what covers 7 days of lead time). ' +
        'Kettle sold 20 units in the last 28 days, 20 of them in the last 14 days: demand is rising. ' +
        'At 1.43 units a day, 7 days of lead time and 30 days of cover, ordering 49 units of Kettle brings the stock to 53.',
    );
  });
});

describe('the stock review schedule', () => {
  it('reads STOCK_REVIEW_CRON and STOCK_REVIEW_TZ with the config defaults', () => {
    expect(stockReviewSchedule({})).toEqual({ cron: '0 2 * * *', tz: 'UTC' });
    expect(stockReviewSchedule({ STOCK_REVIEW_CRON: '30 3 * * 1-5', STOCK_REVIEW_TZ: 'Europe/Warsaw' })).toEqual({ cron: '30 3 * * 1-5', tz: 'Europe/Warsaw' });
    expect(stockReviewSchedule({ STOCK_REVIEW_CRON: ' ', STOCK_REVIEW_TZ: '' })).toEqual({ cron: '0 2 * * *', tz: 'UTC' });
  });
});
