import { compilePattern } from './glob-pattern.js';

describe('compilePattern: the type patterns of @OnWebhook and of flow webhook triggers', () => {
  it.each([
    ['ticket.created', 'ticket.created', true],
    ['ticket.created', 'ticket.created.x', false],
    ['ticket.*', 'ticket.created', true],
    ['ticket.*', 'ticket.', true],
    ['ticket.*', 'order.created', false],
    ['*', 'anything', true],
    ['*/*/create', 'orders/x/create', true],
    ['*/*/create', 'orders/create', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'ac', false],
    ['a*bc*bc', 'abcbc', true],
    ['a*bc*bc', 'abc', false],
  ])('%s on %s: %s', (pattern, type, expected) => {
    expect(compilePattern(pattern)(type)).toBe(expected);
  });

  it('answers at once on a sender-chosen type built to make a pattern backtrack', () => {
    const started = performance.now();
    expect(compilePattern('*/*/*/x')('/'.repeat(100_000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(100);
  });
});
