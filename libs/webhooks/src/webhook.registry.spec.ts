import { WebhookRegistry, compilePattern } from './webhook.registry.js';

describe('compilePattern', () => {
  it.each([
    ['orders/*', 'orders/create', true], ['orders/*', 'orders/', true], ['orders/*', 'refunds/create', false],
    ['invoice.*', 'invoice.paid', true], ['invoice.*', 'invoicexpaid', false], ['*', 'anything', true],
    ['a*b*c', 'aXXbYYc', true], ['a*b*c', 'aXXbYY', false], ['issues.opened', 'issues.opened', true], ['issues.opened', 'issues.opened2', false],
    ['(x)+', '(x)+', true], ['(x)+', 'xx', false],
  ])('%s matches %s: %s', (pattern, type, expected) => {
    expect(compilePattern(pattern)(type)).toBe(expected);
  });
});

describe('WebhookRegistry.match', () => {
  const registry = new WebhookRegistry();
  const noop = async () => undefined;
  registry.add('H.a', [{ type: 'orders/*', options: { source: 'shopify' } }, { type: 'payment.completed', options: { attempts: 2 } }], noop);
  registry.add('H.b', [{ type: '*', options: {} }], noop);

  it('runs each handler once per event, with the options of its first matching subscription', () => {
    expect(registry.match('shopify', 'orders/create').map((m) => m.handler.id)).toEqual(['H.a', 'H.b']);
    expect(registry.match('billing', 'payment.completed').map((m) => [m.handler.id, m.options.attempts])).toEqual([['H.a', 2], ['H.b', undefined]]);
  });

  it('honours the source filter', () => {
    expect(registry.match('stripe', 'orders/create').map((m) => m.handler.id)).toEqual(['H.b']);
  });

  it('refuses a second handler with the same id', () => {
    expect(registry.add('H.a', [{ type: 'x', options: {} }], noop)).toBe(false);
  });
});
