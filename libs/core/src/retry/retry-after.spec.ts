import { capDelay, readHeader, retryAfterMs } from './retry-after.js';

const NOW = Date.parse('2025-01-01T00:00:00Z');

describe('retryAfterMs', () => {
  it('reads retry-after-ms first, as fractional milliseconds', () => {
    expect(retryAfterMs({ 'retry-after-ms': '1234.5', 'retry-after': '9' }, NOW)).toBe(1234.5);
  });

  it('falls back to retry-after when retry-after-ms is unreadable', () => {
    expect(retryAfterMs({ 'retry-after-ms': 'soon', 'retry-after': '3' }, NOW)).toBe(3_000);
    expect(retryAfterMs({ 'retry-after-ms': '-5', 'retry-after': '3' }, NOW)).toBe(3_000);
  });

  it('reads delta-seconds, including fractional ones such as Shopify\'s "2.0"', () => {
    expect(retryAfterMs({ 'retry-after': '2' }, NOW)).toBe(2_000);
    expect(retryAfterMs({ 'retry-after': '2.0' }, NOW)).toBe(2_000);
    expect(retryAfterMs({ 'retry-after': '1.1' }, NOW)).toBe(1_100);
    expect(retryAfterMs({ 'retry-after': ' 0 ' }, NOW)).toBe(0);
  });

  it('reads the three HTTP-date formats against nowMs', () => {
    expect(retryAfterMs({ 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' }, NOW)).toBe(30_000);
    expect(retryAfterMs({ 'retry-after': 'Wednesday, 01-Jan-25 00:01:00 GMT' }, NOW)).toBe(60_000);
    // asctime has no zone and means GMT whatever the host's TZ.
    expect(retryAfterMs({ 'retry-after': 'Wed Jan  1 00:00:05 2025' }, NOW)).toBe(5_000);
  });

  it('never returns a negative wait for a date in the past', () => {
    expect(retryAfterMs({ 'retry-after': 'Tue, 31 Dec 2024 23:00:00 GMT' }, NOW)).toBe(0);
  });

  it('returns undefined for absent or invalid values', () => {
    expect(retryAfterMs({}, NOW)).toBeUndefined();
    expect(retryAfterMs({ 'retry-after': undefined }, NOW)).toBeUndefined();
    expect(retryAfterMs({ 'retry-after': '-1' }, NOW)).toBeUndefined();
    expect(retryAfterMs({ 'retry-after': 'soon' }, NOW)).toBeUndefined();
    expect(retryAfterMs({ 'retry-after': '1e3' }, NOW)).toBeUndefined();
    expect(retryAfterMs({ 'retry-after': 'Mon, 99 Foo 2025 99:99:99 GMT' }, NOW)).toBeUndefined();
    expect(retryAfterMs({ 'retry-after': '' }, NOW)).toBeUndefined();
  });

  it('accepts a WHATWG Headers object (case-insensitive names)', () => {
    expect(retryAfterMs(new Headers({ 'Retry-After': '7' }), NOW)).toBe(7_000);
    expect(retryAfterMs(new Headers({ 'Retry-After-Ms': '15' }), NOW)).toBe(15);
    expect(retryAfterMs(new Headers(), NOW)).toBeUndefined();
  });

  it('takes the first value of a repeated header in a plain record', () => {
    expect(retryAfterMs({ 'retry-after': ['4', '9'] }, NOW)).toBe(4_000);
    expect(readHeader({ 'x-a': [] }, 'x-a')).toBeUndefined();
  });

  it('uses the real clock when nowMs is omitted', () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const ms = retryAfterMs({ 'retry-after': inTenSeconds });
    expect(ms).toBeGreaterThan(8_000);
    expect(ms).toBeLessThanOrEqual(10_000);
  });
});

describe('capDelay', () => {
  it('clamps into [0, maxMs] and turns NaN into maxMs', () => {
    expect(capDelay(120_000, 60_000)).toBe(60_000);
    expect(capDelay(1_500, 60_000)).toBe(1_500);
    expect(capDelay(-3, 60_000)).toBe(0);
    expect(capDelay(Number.POSITIVE_INFINITY, 60_000)).toBe(60_000);
    expect(capDelay(Number.NaN, 60_000)).toBe(60_000);
  });
});
