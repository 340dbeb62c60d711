import { anthropicRateLimits, openAiRateLimits, parseGoDuration } from './rate-limit-headers.js';

describe('parseGoDuration (OpenAI x-ratelimit-reset-*)', () => {
  it.each([
    ['6m0s', 360_000],
    ['1s', 1000],
    ['1.5s', 1500],
    ['120ms', 120],
    ['1h2m3.5s', 3_723_500],
    ['17h36m23.162s', 63_383_162],
    ['250us', 0.25],
    ['0s', 0],
    ['0', 0],
  ])('%s → %d ms', (text, ms) => {
    expect(parseGoDuration(text)).toBeCloseTo(ms, 6);
  });

  it.each(['', '6', 'abc', '6m0', '1d', 's', '5m 3s'])('refuses %j', (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });
});

describe('rate-limit snapshots', () => {
  it('reads OpenAI headers relative to now', () => {
    const headers = new Headers({
      'x-ratelimit-limit-requests': '500',
      'x-ratelimit-remaining-requests': '499',
      'x-ratelimit-reset-requests': '120ms',
      'x-ratelimit-limit-tokens': '200000',
      'x-ratelimit-remaining-tokens': '199000',
      'x-ratelimit-reset-tokens': '6m0s',
    });
    expect(openAiRateLimits(headers, 1_000_000)).toEqual({
      requests: { limit: 500, remaining: 499, resetAtMs: 1_000_120 },
      tokens: { limit: 200_000, remaining: 199_000, resetAtMs: 1_360_000 },
    });
    expect(openAiRateLimits(new Headers({ 'x-ratelimit-remaining-requests': '3', 'x-ratelimit-reset-requests': 'soon' }))).toBeUndefined();
    expect(openAiRateLimits({})).toBeUndefined();
  });

  it('reads Anthropic headers with RFC 3339 resets', () => {
    const snapshot = anthropicRateLimits({
      'anthropic-ratelimit-requests-limit': '50',
      'anthropic-ratelimit-requests-remaining': '0',
      'anthropic-ratelimit-requests-reset': '2026-11-23T18:00:07Z',
      'anthropic-ratelimit-tokens-remaining': '40000',
      'anthropic-ratelimit-tokens-reset': '2026-11-23T18:00:30.5+01:00',
    });
    expect(snapshot).toEqual({
      requests: { limit: 50, remaining: 0, resetAtMs: Date.parse('2026-11-23T18:00:07Z') },
      tokens: { remaining: 40_000, resetAtMs: Date.parse('2026-11-23T17:00:30.500Z') },
    });
  });
});
