import { retryAfterMs } from '@aiwire/core';
import { anthropicRateLimits, openAiRateLimits, parseGoDuration } from './rate-limit-headers.js';

describe('parseGoDuration (OpenAI x-ratelimit-reset-*)', () => {
  it.each([
    // The forms OpenAI documents and sends: 6m0s, 1s, 20ms; daily limits report hours.
    ['6m0s', 360_000],
    ['1s', 1000],
    ['20ms', 20],
    ['1h30m0s', 5_400_000],
    ['7m12s', 432_000],
    ['8.64s', 8640],
    ['1.5s', 1500],
    ['120ms', 120],
    ['12ms', 12],
    ['9ms', 9],
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

describe('OpenAI rate-limit headers', () => {
  const now = 1_000_000;

  it('reads the example of OpenAI’s rate-limit guide (60 / 150000 / 59 / 149984 / 1s / 6m0s)', () => {
    const headers = new Headers({
      'x-ratelimit-limit-requests': '60',
      'x-ratelimit-limit-tokens': '150000',
      'x-ratelimit-remaining-requests': '59',
      'x-ratelimit-remaining-tokens': '149984',
      'x-ratelimit-reset-requests': '1s',
      'x-ratelimit-reset-tokens': '6m0s',
    });
    expect(openAiRateLimits(headers, now)).toEqual({
      requests: { limit: 60, remaining: 59, resetAtMs: now + 1000 },
      tokens: { limit: 150_000, remaining: 149_984, resetAtMs: now + 360_000 },
    });
  });

  it('reads the answer of issue 8 (1999000 tokens left, reset 6m0s) without a limit header', () => {
    const headers = { 'x-ratelimit-remaining-tokens': '1999000', 'x-ratelimit-reset-tokens': '6m0s' };
    expect(openAiRateLimits(headers, now)).toEqual({ tokens: { remaining: 1_999_000, resetAtMs: now + 360_000 } });
  });

  it('reads a real answer with millisecond resets and ignores the *_usage_based variants', () => {
    const headers = new Headers({
      'x-ratelimit-limit-requests': '5000',
      'x-ratelimit-limit-tokens': '160000',
      'x-ratelimit-limit-tokens_usage_based': '160000',
      'x-ratelimit-remaining-requests': '4999',
      'x-ratelimit-remaining-tokens': '159976',
      'x-ratelimit-remaining-tokens_usage_based': '159976',
      'x-ratelimit-reset-requests': '12ms',
      'x-ratelimit-reset-tokens': '9ms',
      'x-ratelimit-reset-tokens_usage_based': '9ms',
    });
    expect(openAiRateLimits(headers, now)).toEqual({
      requests: { limit: 5000, remaining: 4999, resetAtMs: now + 12 },
      tokens: { limit: 160_000, remaining: 159_976, resetAtMs: now + 9 },
    });
  });

  it('reads a daily request limit (reset in hours) and a 429’s exhausted limit', () => {
    expect(openAiRateLimits({ 'x-ratelimit-limit-requests': '10000', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '1h30m0s' }, now)).toEqual({
      requests: { limit: 10_000, remaining: 0, resetAtMs: now + 5_400_000 },
    });
  });

  it('ignores a limit it cannot read instead of guessing', () => {
    // An unparseable reset, a missing remaining, Azure's `-1` ("not reported") and an empty value.
    expect(openAiRateLimits({ 'x-ratelimit-remaining-requests': '3', 'x-ratelimit-reset-requests': 'soon' })).toBeUndefined();
    expect(openAiRateLimits({ 'x-ratelimit-reset-tokens': '6m0s' })).toBeUndefined();
    expect(openAiRateLimits({ 'x-ratelimit-limit-tokens': '-1', 'x-ratelimit-remaining-tokens': '-1', 'x-ratelimit-reset-tokens': '0' })).toBeUndefined();
    expect(openAiRateLimits({ 'x-ratelimit-remaining-tokens': '', 'x-ratelimit-reset-tokens': '1s' })).toBeUndefined();
    expect(openAiRateLimits({})).toBeUndefined();
  });
});

describe('Anthropic rate-limit headers', () => {
  it('reads every header of Anthropic’s table, with RFC 3339 resets (a real answer)', () => {
    const snapshot = anthropicRateLimits({
      'anthropic-ratelimit-input-tokens-limit': '80000',
      'anthropic-ratelimit-input-tokens-remaining': '78000',
      'anthropic-ratelimit-input-tokens-reset': '2025-02-24T22:25:32Z',
      'anthropic-ratelimit-output-tokens-limit': '16000',
      'anthropic-ratelimit-output-tokens-remaining': '12000',
      'anthropic-ratelimit-output-tokens-reset': '2025-02-24T22:25:47Z',
      'anthropic-ratelimit-requests-limit': '1000',
      'anthropic-ratelimit-requests-remaining': '999',
      'anthropic-ratelimit-requests-reset': '2025-02-24T22:25:30Z',
      'anthropic-ratelimit-tokens-limit': '96000',
      'anthropic-ratelimit-tokens-remaining': '90000',
      'anthropic-ratelimit-tokens-reset': '2025-02-24T22:25:32Z',
    });
    // `tokens-*` is the most restrictive token limit in effect (here the sum of input and output).
    expect(snapshot).toEqual({
      requests: { limit: 1000, remaining: 999, resetAtMs: Date.parse('2025-02-24T22:25:30Z') },
      tokens: { limit: 96_000, remaining: 90_000, resetAtMs: Date.parse('2025-02-24T22:25:32Z') },
    });
  });

  it('reads the example resets (2024-11-05T14:25:00Z) and offsets with fractions', () => {
    const snapshot = anthropicRateLimits({
      'anthropic-ratelimit-requests-limit': '50',
      'anthropic-ratelimit-requests-remaining': '0',
      'anthropic-ratelimit-requests-reset': '2024-11-05T14:25:00Z',
      'anthropic-ratelimit-tokens-remaining': '40000',
      'anthropic-ratelimit-tokens-reset': '2026-11-23T18:00:30.5+01:00',
    });
    expect(snapshot).toEqual({
      requests: { limit: 50, remaining: 0, resetAtMs: Date.UTC(2024, 10, 5, 14, 25, 0) },
      tokens: { remaining: 40_000, resetAtMs: Date.parse('2026-11-23T17:00:30.500Z') },
    });
  });

  it('without tokens-*, the input or output limit with less remaining stands in for it', () => {
    const snapshot = anthropicRateLimits({
      'anthropic-ratelimit-input-tokens-limit': '80000',
      'anthropic-ratelimit-input-tokens-remaining': '80000',
      'anthropic-ratelimit-input-tokens-reset': '2025-08-21T12:40:59Z',
      'anthropic-ratelimit-output-tokens-limit': '16000',
      'anthropic-ratelimit-output-tokens-remaining': '15000',
      'anthropic-ratelimit-output-tokens-reset': '2025-08-21T12:41:00Z',
    });
    expect(snapshot).toEqual({ tokens: { limit: 16_000, remaining: 15_000, resetAtMs: Date.parse('2025-08-21T12:41:00Z') } });
    expect(anthropicRateLimits({ 'anthropic-ratelimit-input-tokens-remaining': '7000', 'anthropic-ratelimit-input-tokens-reset': '2025-08-21T12:40:59Z' })).toEqual({
      tokens: { remaining: 7000, resetAtMs: Date.parse('2025-08-21T12:40:59Z') },
    });
  });

  it('ignores a limit without a readable reset or remaining', () => {
    expect(anthropicRateLimits({ 'anthropic-ratelimit-requests-remaining': '5', 'anthropic-ratelimit-requests-reset': 'tomorrow' })).toBeUndefined();
    expect(anthropicRateLimits({ 'anthropic-ratelimit-tokens-remaining': 'many', 'anthropic-ratelimit-tokens-reset': '2025-08-21T12:40:59Z' })).toBeUndefined();
  });

  it('`retry-after` (seconds, as Anthropic and OpenAI send it on a 429) is read by the retry policy', () => {
    // Anthropic: "The number of seconds to wait until you can retry the request."
    expect(retryAfterMs({ 'retry-after': '30' })).toBe(30_000);
    expect(retryAfterMs(new Headers({ 'retry-after': '1', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '1s' }))).toBe(1000);
  });
});
