import { computeBackoff } from './backoff.js';

describe('computeBackoff', () => {
  it('doubles from baseMs and caps at maxMs without jitter', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((n) => computeBackoff(n, { baseMs: 100, maxMs: 2_000, jitter: 'none' }));
    expect(delays).toEqual([100, 200, 400, 800, 1_600, 2_000, 2_000]);
  });

  it('uses 500 ms base, 30 s cap and full jitter by default', () => {
    expect(computeBackoff(1, { random: () => 0.5 })).toBe(250);
    expect(computeBackoff(4, { random: () => 0.5 })).toBe(2_000);
    expect(computeBackoff(20, { random: () => 0.5 })).toBe(15_000);
  });

  it('full jitter spreads over [0, d)', () => {
    expect(computeBackoff(3, { baseMs: 100, random: () => 0 })).toBe(0);
    expect(computeBackoff(3, { baseMs: 100, random: () => 0.999_999 })).toBe(399);
    for (let i = 0; i < 1_000; i++) {
      const d = computeBackoff(3, { baseMs: 100 });
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(400);
    }
  });

  it('equal jitter keeps at least half of the delay', () => {
    expect(computeBackoff(3, { baseMs: 100, jitter: 'equal', random: () => 0 })).toBe(200);
    expect(computeBackoff(3, { baseMs: 100, jitter: 'equal', random: () => 0.999_999 })).toBe(399);
  });

  it('stays at maxMs for attempts whose power of two overflows', () => {
    expect(computeBackoff(5_000, { baseMs: 100, maxMs: 60_000, jitter: 'none' })).toBe(60_000);
  });

  it('rejects attempts that are not integers >= 1 and negative bounds', () => {
    expect(() => computeBackoff(0)).toThrow(RangeError);
    expect(() => computeBackoff(1.5)).toThrow(RangeError);
    expect(() => computeBackoff(Number.NaN)).toThrow(RangeError);
    expect(() => computeBackoff(1, { baseMs: -1 })).toThrow(RangeError);
  });
});
