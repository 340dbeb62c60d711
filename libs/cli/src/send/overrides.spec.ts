import { CliUsageError } from '../errors.js';
import { applyOverrides, parseOverride } from './overrides.js';

describe('--set overrides', () => {
  it('parses values as JSON when they parse, else as text', () => {
    expect(parseOverride('total_price=837.86')).toEqual({ path: ['total_price'], value: 837.86 });
    expect(parseOverride('a.b=true').value).toBe(true);
    expect(parseOverride('a=null').value).toBeNull();
    expect(parseOverride('a="42"').value).toBe('42');
    expect(parseOverride('note=hello world').value).toBe('hello world');
    expect(parseOverride('url=https://x.test/?a=b').value).toBe('https://x.test/?a=b');
    expect(parseOverride('tags=["a"]').value).toEqual(['a']);
    expect(parseOverride('empty=').value).toBe('');
  });

  it('sets dotted paths, array indexes included, creating objects on the way', () => {
    const body = { customer: { id: 1 }, line_items: [{ quantity: 1 }], data: null };
    applyOverrides(body, ['customer.id=42', 'line_items.0.quantity=3', 'data.object.amount=5', 'new.deep.key=x'].map(parseOverride));
    expect(body).toEqual({ customer: { id: 42 }, line_items: [{ quantity: 3 }], data: { object: { amount: 5 } }, new: { deep: { key: 'x' } } });
  });

  it('refuses what is not path=value, setting inside a value, and prototype keys', () => {
    for (const bad of ['novalue', '=1', 'a..b=1', '.a=1']) expect(() => parseOverride(bad)).toThrow(CliUsageError);
    expect(() => applyOverrides({ a: 'text' }, [parseOverride('a.b=1')])).toThrow("--set a.b: 'a' is a value");
    expect(() => applyOverrides({}, [parseOverride('__proto__.polluted=1')])).toThrow(CliUsageError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
