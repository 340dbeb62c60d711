import { canonicalHash, canonicalJson } from './canonical-json.js';

describe('canonical JSON', () => {
  it('is the same text for equal values whatever the key order, and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 1 }], c: undefined } })).toBe('{"a":{"d":[1,{"e":1,"f":2}]},"b":1}');
    expect(canonicalHash({ x: 1, y: 2 })).toBe(canonicalHash({ y: 2, x: 1 }));
    expect(canonicalHash({ x: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('tells different values apart', () => {
    expect(canonicalHash({ x: 1 })).not.toBe(canonicalHash({ x: '1' }));
    expect(canonicalHash([1, 2])).not.toBe(canonicalHash([2, 1]));
    expect(canonicalJson([undefined])).toBe('[null]');
    expect(canonicalJson(new Date(0))).toBe('"1970-01-01T00:00:00.000Z"');
  });
});
