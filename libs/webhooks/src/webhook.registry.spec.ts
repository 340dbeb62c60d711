import { MATCH_CACHE_LIMITS, WebhookRegistry } from './webhook.registry.js';
import { liveHeapBytes } from '../test/heap.js';

const noop = async () => undefined;

describe('WebhookRegistry.match', () => {
  const registry = new WebhookRegistry();
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

  it('forgets cached answers when a handler is added', () => {
    const later = new WebhookRegistry();
    later.add('L.a', [{ type: 'orders/*', options: {} }], noop);
    expect(later.match('shopify', 'orders/paid').map((m) => m.handler.id)).toEqual(['L.a']);
    later.add('L.b', [{ type: '*/paid', options: {} }], noop);
    expect(later.match('shopify', 'orders/paid').map((m) => m.handler.id)).toEqual(['L.a', 'L.b']);
  });
});

// GitHub and Shopify do not sign their event type headers: whoever holds one signed body replays
// it with any type. These are the security review's attacks on the matcher and its cache.
describe('WebhookRegistry.match on sender-chosen types', () => {
  function shopifyRegistry(): WebhookRegistry {
    const registry = new WebhookRegistry();
    registry.add('Orders.created', [{ type: '*/*/create', options: { source: 'shopify' } }], noop);
    registry.add('Deep.x', [{ type: '*/*/*/x', options: {} }], noop);
    return registry;
  }

  it('answers a 15,000-character X-Shopify-Topic and an 8,000-character one in milliseconds', () => {
    const registry = shopifyRegistry();
    for (const type of ['/'.repeat(15_000), '/'.repeat(8_000), `${'/'.repeat(1_000_000)}creat`]) {
      const started = performance.now();
      expect(registry.match('shopify', type)).toEqual([]);
      expect(registry.optionsFor(registry.get('Deep.x')!, 'shopify', type)).toBeUndefined();
      expect(performance.now() - started).toBeLessThan(50);
    }
  });

  it('keeps no more than its byte bound of distinct long types', () => {
    const registry = shopifyRegistry();
    let most = 0;
    for (let i = 0; i < 3_000; i++) {
      registry.match('shopify', `${i}/${'x'.repeat(1_500)}/create`);
      const usage = registry.matchCacheUsage();
      most = Math.max(most, usage.bytes);
      expect(usage.bytes).toBeLessThanOrEqual(MATCH_CACHE_LIMITS.maxBytes);
      expect(usage.entries).toBeLessThanOrEqual(MATCH_CACHE_LIMITS.maxEntries);
    }
    expect(most).toBeGreaterThan(MATCH_CACHE_LIMITS.maxBytes * 0.9);
    // Short real types are still cached and answered after the flood.
    expect(registry.match('shopify', 'orders/x/create').map((m) => m.handler.id)).toEqual(['Orders.created']);
    expect(registry.matchCacheUsage().entries).toBeGreaterThan(1);
  });

  it('does not keep 600 distinct 900 KB types alive (they held 523 MB)', () => {
    const registry = shopifyRegistry();
    const before = liveHeapBytes();
    for (let i = 0; i < 600; i++) {
      expect(registry.match('shopify', `${i}/${'y'.repeat(900_000)}/create`)).toHaveLength(1);
    }
    expect(liveHeapBytes() - before).toBeLessThan(32 * 1_048_576);
  });
});
