import { mergeOrder } from './recommendation-reranker.js';

describe('mergeOrder', () => {
  it("takes the LLM's order, then the candidates it left out in the rule ranking's order", () => {
    expect(mergeOrder([30, 10], [10, 20, 30, 40])).toEqual([30, 10, 20, 40]);
  });

  it('drops ids that are not candidates, repeats, and anything that is not a number', () => {
    expect(mergeOrder([99, 20, '10', 20, null, 40.5, 40], [10, 20, 40])).toEqual([20, 40, 10]);
  });

  it('keeps the rule ranking when the LLM proposes nothing usable', () => {
    expect(mergeOrder([], [3, 1, 2])).toEqual([3, 1, 2]);
  });
});
