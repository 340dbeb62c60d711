import { PriceTable } from './price-table.js';

describe('PriceTable', () => {
  const table = new PriceTable({ 'my-finetune': { inputPerMTok: 1, outputPerMTok: 2 }, 'gpt-4o-mini': { inputPerMTok: 0.2, outputPerMTok: 0.8 } });

  it('matches exactly, then by the longest prefix (dated snapshots)', () => {
    expect(table.price('gpt-4o')).toEqual({ inputPerMTok: 2.5, outputPerMTok: 10 });
    expect(table.price('gpt-4o-2024-08-06')).toEqual({ inputPerMTok: 2.5, outputPerMTok: 10 });
    expect(table.price('gpt-4.1-mini-2025-04-14')).toEqual({ inputPerMTok: 0.4, outputPerMTok: 1.6 });
    expect(table.price('claude-opus-4-5-20251101')).toEqual({ inputPerMTok: 5, outputPerMTok: 25 });
    expect(table.price('claude-opus-4-20250514')).toEqual({ inputPerMTok: 15, outputPerMTok: 75 });
    expect(table.price('llama3.1:8b')).toBeUndefined();
  });

  it('lets the user override and extend the defaults', () => {
    expect(table.price('gpt-4o-mini-2024-07-18')).toEqual({ inputPerMTok: 0.2, outputPerMTok: 0.8 });
    expect(table.cost('my-finetune', { inputTokens: 1_000_000, outputTokens: 500_000 })).toBe(2);
  });

  it('computes cost in USD from tokens, and undefined without a price', () => {
    expect(new PriceTable().cost('gpt-4o-mini', { inputTokens: 1000, outputTokens: 500 })).toBeCloseTo(0.00045, 12);
    expect(new PriceTable().cost('claude-haiku-4-5', { inputTokens: 2000, outputTokens: 100 })).toBeCloseTo(0.0025, 12);
    expect(table.cost('unknown-model', { inputTokens: 1, outputTokens: 1 })).toBeUndefined();
  });
});
