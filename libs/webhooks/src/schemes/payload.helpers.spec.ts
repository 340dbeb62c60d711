import { nestsDeeperThan } from './payload.helpers.js';

/** `levels` arrays, or objects, one inside the other. */
const arrays = (levels: number): unknown => JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`);
const objects = (levels: number): unknown => JSON.parse(`${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`);

describe('nestsDeeperThan', () => {
  it('counts a top-level array or object as one level, and nothing else as any', () => {
    for (const build of [arrays, objects]) {
      expect(nestsDeeperThan(build(64), 64)).toBe(false);
      expect(nestsDeeperThan(build(65), 64)).toBe(true);
      expect(nestsDeeperThan(build(1), 1)).toBe(false);
      expect(nestsDeeperThan(build(2), 1)).toBe(true);
    }
    for (const scalar of [null, 1, 'deep', true]) expect(nestsDeeperThan(scalar, 0)).toBe(false);
    expect(nestsDeeperThan({}, 0)).toBe(true);
  });

  it('finds the one deep branch among shallow siblings, in objects and arrays alike', () => {
    const payload = { id: 'evt_1', data: [{ a: 1 }, { b: [1, 2, 3] }, { c: { d: arrays(61) } }] };
    // payload 1, data 2, item 3, c 4, then 61 arrays: 65 in all
    expect(nestsDeeperThan(payload, 65)).toBe(false);
    expect(nestsDeeperThan(payload, 64)).toBe(true);
  });

  it('returns at once for 100,000 levels (its own recursion stops at the limit)', () => {
    const deep = arrays(100_000);
    const started = performance.now();
    expect(nestsDeeperThan(deep, 64)).toBe(true);
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('reads a own `__proto__` key of parsed JSON as any other key', () => {
    expect(nestsDeeperThan(JSON.parse('{"__proto__":{"x":{"y":{}}}}'), 3)).toBe(true);
  });
});
