import { ContinuousBucket } from './continuous-bucket.js';
import { formatGoDuration } from './go-duration.js';
import { countTokens, promptTokens, truncateToTokens } from './llm-tokens.js';
import { instanceOf } from './schema-instance.js';

describe('formatGoDuration (Go time.Duration.String, as OpenAI sends resets)', () => {
  it.each([
    [0, '0s'],
    [120, '120ms'],
    [1500, '1.5s'],
    [360_000, '6m0s'],
    [3_723_500, '1h2m3.5s'],
    [59_999.4, '59.999s'],
    [59_999.6, '1m0s'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatGoDuration(ms)).toBe(text);
  });
});

describe('token counting', () => {
  it('counts about four UTF-8 bytes per token and frames each message', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens('abcd')).toBe(1);
    expect(countTokens('abcde')).toBe(2);
    expect(countTokens('żółć')).toBe(2); // 8 bytes
    expect(promptTokens(['abcd', 'abcd'])).toBe(3 + 5 + 5);
  });

  it('truncates to a token budget', () => {
    expect(truncateToTokens('a'.repeat(40), 5)).toEqual({ text: 'a'.repeat(20), truncated: true });
    expect(truncateToTokens('short', 5)).toEqual({ text: 'short', truncated: false });
  });
});

describe('ContinuousBucket', () => {
  it('starts full, refills at capacity per minute and reports the wait', () => {
    const bucket = new ContinuousBucket(60, 0);
    for (let i = 0; i < 60; i++) expect(bucket.tryTake(1, 0)).toBe(true);
    expect(bucket.tryTake(1, 0)).toBe(false);
    expect(bucket.msUntil(1, 0)).toBe(1000);
    expect(bucket.tryTake(1, 1000)).toBe(true);
    expect(bucket.msUntilFull(1000)).toBe(60_000);
    bucket.adjust(-10, 1000);
    expect(bucket.available(1000)).toBe(-10);
  });
});

describe('instanceOf (default structured answers)', () => {
  it('fills every property with a valid value', () => {
    const schema = {
      type: 'object',
      properties: {
        label: { type: 'string', enum: ['positive', 'neutral', 'negative'] },
        score: { type: 'number', minimum: -1, maximum: 1 },
        count: { type: 'integer', exclusiveMinimum: 2 },
        email: { type: 'string', format: 'email' },
        tags: { type: 'array', items: { type: 'string' }, minItems: 2 },
        nested: { $ref: '#/$defs/Nested' },
        maybe: { anyOf: [{ type: 'null' }, { type: 'boolean' }] },
        code: { type: 'string', minLength: 8 },
      },
      $defs: { Nested: { type: 'object', properties: { ok: { const: true } } } },
    };
    expect(instanceOf(schema)).toEqual({
      label: 'positive',
      score: -1,
      count: 3,
      email: 'user@example.com',
      tags: ['sample', 'sample'],
      nested: { ok: true },
      maybe: false,
      code: 'samplexx',
    });
  });
});
