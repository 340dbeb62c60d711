import { mergeTags, parseTags } from './order-tags.js';

describe('order tags', () => {
  it('reads Shopify\'s comma-separated string', () => {
    expect(parseTags(' gift, wholesale ,,vip')).toEqual(['gift', 'wholesale', 'vip']);
    expect(parseTags('')).toEqual([]);
    expect(parseTags(null)).toEqual([]);
  });

  it('adds a tag, keeping the others, once, and takes out the tags it replaces', () => {
    expect(mergeTags(['gift', 'vip'], 'fraud:approved')).toEqual(['gift', 'vip', 'fraud:approved']);
    expect(mergeTags(['gift', 'Fraud:Approved'], 'fraud:approved')).toEqual(['gift', 'fraud:approved']);
    expect(mergeTags(['gift', 'fraud:held'], 'fraud:approved', ['fraud:held', 'fraud:hold-failed'])).toEqual(['gift', 'fraud:approved']);
  });
});
