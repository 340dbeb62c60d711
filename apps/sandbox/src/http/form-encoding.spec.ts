import { canonicalJson, decodeNestedForm } from './form-encoding.js';

describe('decodeNestedForm (Stripe-style form bodies)', () => {
  it('builds arrays from [] and [n], and objects from [key]', () => {
    const form = new URLSearchParams('url=https%3A%2F%2Fx.test&enabled_events[]=a&enabled_events[]=b&metadata[order]=1&items[0][price]=p1&items[1][price]=p2');
    expect(decodeNestedForm(form)).toEqual({
      url: 'https://x.test',
      enabled_events: ['a', 'b'],
      metadata: { order: '1' },
      items: [{ price: 'p1' }, { price: 'p2' }],
    });
  });

  it('ignores fields without a name', () => {
    expect(decodeNestedForm(new URLSearchParams('[x]=1&=2&a=3'))).toEqual({ a: '3' });
  });
});

describe('canonicalJson', () => {
  it('is independent of key order, so equal parameters compare equal', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, 2] }, b: 1 }));
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
  });
});
