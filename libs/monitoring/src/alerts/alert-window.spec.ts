import { BUCKETS_PER_WINDOW, bucketOf, bucketSize, windowBuckets, windowTtl } from './alert-window.js';

describe('alert windows', () => {
  it('cuts a window into 60 buckets, rounding a bucket up to whole ms', () => {
    expect(bucketSize(300_000)).toBe(5_000);
    expect(bucketSize(86_400_000)).toBe(1_440_000);
    expect(bucketSize(1_000)).toBe(17);
    expect(bucketSize(30)).toBe(1);
    expect(BUCKETS_PER_WINDOW).toBe(60);
  });

  it('puts a time in the bucket that starts at or before it', () => {
    expect(bucketOf(0, 5_000)).toBe(0);
    expect(bucketOf(4_999, 5_000)).toBe(0);
    expect(bucketOf(5_000, 5_000)).toBe(1);
  });

  it('covers the buckets that start after now - window, up to the one holding now', () => {
    // window 300 s, bucket 5 s, now = 1000 s: buckets 141 (705 s) .. 200 (1000 s) — 60 of them
    expect(windowBuckets(1_000_000, 300_000, 5_000)).toEqual({ first: 141, last: 200 });
    // just past a bucket boundary, the oldest bucket (700 s .. 705 s) has left: it started before now - window
    expect(windowBuckets(1_000_001, 300_000, 5_000)).toEqual({ first: 141, last: 200 });
    expect(windowBuckets(1_004_999, 300_000, 5_000)).toEqual({ first: 141, last: 200 });
    expect(windowBuckets(1_005_000, 300_000, 5_000)).toEqual({ first: 142, last: 201 });
  });

  it('counts an event for at least window - bucket and never longer than the window', () => {
    const windowMs = 60_000;
    const b = bucketSize(windowMs);
    for (const at of [0, 1, 999, 1_000, 12_345, 59_999]) {
      const bucket = bucketOf(at, b);
      const counted = (now: number) => {
        const { first, last } = windowBuckets(now, windowMs, b);
        return bucket >= first && bucket <= last;
      };
      expect(counted(at)).toBe(true);
      expect(counted(at + windowMs - b)).toBe(true);
      expect(counted(at + windowMs)).toBe(false);
    }
  });

  it('keeps the buckets in Redis for the window and one bucket after their last write', () => {
    expect(windowTtl(300_000, 5_000)).toBe(305_000);
  });
});
