import { FixedWindowLimiter } from './fixed-window.js';
import { LeakyBucket } from './leaky-bucket.js';

describe('LeakyBucket', () => {
  it('holds `capacity` requests, refuses the next, and drains at the leak rate', () => {
    const bucket = new LeakyBucket(40, 2, 0);
    for (let i = 0; i < 40; i++) expect(bucket.tryAdd(0)).toBe(true);
    expect(bucket.tryAdd(0)).toBe(false);
    expect(bucket.used(0)).toBe(40);
    expect(bucket.used(1000)).toBe(38);
    expect(bucket.tryAdd(1000)).toBe(true);
    expect(bucket.used(30_000)).toBe(0);
  });
});

describe('FixedWindowLimiter', () => {
  it('allows `limit` hits per key and window, then resets', () => {
    const limiter = new FixedWindowLimiter(2, 1000);
    expect(limiter.hit('a', 0)).toEqual({ allowed: true, remaining: 1, resetAt: 1000 });
    expect(limiter.hit('a', 10).allowed).toBe(true);
    expect(limiter.hit('a', 20)).toEqual({ allowed: false, remaining: 0, resetAt: 1000 });
    expect(limiter.hit('b', 20).allowed).toBe(true);
    expect(limiter.peek('a', 1000)).toEqual({ allowed: true, remaining: 2, resetAt: 2000 });
  });
});
