import { planDemo, type DemoAction } from './demo-plan.js';
import { REVIEW_LANGUAGES } from './demo-texts.js';
import type { DemoCatalog } from './demo-catalog.js';

const catalog: DemoCatalog = {
  customers: [
    { shopifyId: 1, email: 'a@example.com', name: 'A', stripeId: 'cus_a', highValue: true },
    { shopifyId: 2, email: 'b@example.com', name: 'B', stripeId: 'cus_b', highValue: false },
    { shopifyId: 3, email: 'c@example.com', name: 'C', highValue: false },
  ],
  products: [{ shopifyId: 10, title: 'Mug', price: 24.5 }, { shopifyId: 11, title: 'Lamp', price: 59 }],
};

describe('planDemo', () => {
  it('plays the same stream for the same seed, and another for another seed', () => {
    const a = planDemo({ events: 300, seconds: 60, seed: 13 }, catalog);
    expect(planDemo({ events: 300, seconds: 60, seed: 13 }, catalog)).toEqual(a);
    expect(planDemo({ events: 300, seconds: 60, seed: 14 }, catalog).actions).not.toEqual(a.actions);
  });

  it('mixes a few hundred events in the stated shares, over the stated time, in order', () => {
    const { actions, counts, expected } = planDemo({ events: 300, seconds: 60, seed: 13 }, catalog);
    expect(actions).toHaveLength(300);
    expect(counts).toEqual({ view: 123, review: 54, ticket: 24, order: 54, payment: 24, duplicate: 15, forged: 6 });
    expect(expected).toEqual({ accepted: 279, duplicates: 15, rejected: 6 });
    const times = actions.map((a) => a.atMs);
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(times[0]).toBeGreaterThanOrEqual(0);
    expect(times.at(-1)).toBeLessThanOrEqual(60_000);
  });

  it('sends reviews in all six languages, negative and high-value tickets, risky orders and one mismatched payment', () => {
    const { actions } = planDemo({ events: 300, seconds: 60, seed: 13 }, catalog);
    const of = <K extends DemoAction['kind']>(kind: K) => actions.filter((a): a is Extract<DemoAction, { kind: K }> => a.kind === kind);
    expect(new Set(of('review').map((r) => r.language))).toEqual(new Set(REVIEW_LANGUAGES));
    expect(new Set(of('ticket').map((t) => t.language))).toEqual(new Set(['en', 'fr', 'pl']));
    expect(of('ticket').some((t) => t.tone === 'negative')).toBe(true);
    expect(of('ticket').some((t) => t.highValue)).toBe(true);
    const risky = of('order').filter((o) => o.risky);
    expect(risky.length).toBeGreaterThanOrEqual(1);
    expect(risky.every((o) => o.note && o.lines[0]!.quantity >= 6)).toBe(true);
    expect(of('payment').filter((p) => p.mismatch)).toHaveLength(1);
    expect(new Set(of('forged').map((f) => f.source))).toEqual(new Set(['storefront', 'shopify', 'helpdesk', 'stripe']));
  });

  it('pays only earlier orders of customers with a Stripe account, each once, and re-sends only earlier deliveries', () => {
    const { actions } = planDemo({ events: 300, seconds: 60, seed: 13 }, catalog);
    const paid = new Set<number>();
    actions.forEach((a, i) => {
      if (a.kind === 'payment') {
        const order = actions[a.order]!;
        expect(a.order).toBeLessThan(i);
        expect(order.kind).toBe('order');
        expect(catalog.customers.find((c) => order.kind === 'order' && c.shopifyId === order.customer)?.stripeId).toBeDefined();
        expect(paid.has(a.order)).toBe(false);
        paid.add(a.order);
      }
      if (a.kind === 'duplicate') {
        expect(a.of).toBeLessThan(i);
        expect(['view', 'order', 'payment']).toContain(actions[a.of]!.kind);
      }
    });
  });

  it('keeps every kind in a small run, and refuses sizes that make no sense', () => {
    const { counts, expected } = planDemo({ events: 30, seconds: 2, seed: 1 }, catalog);
    for (const kind of ['view', 'review', 'ticket', 'order', 'payment', 'duplicate', 'forged'] as const) expect(counts[kind]).toBeGreaterThan(0);
    expect(expected.accepted + expected.duplicates + expected.rejected).toBe(30);
    expect(planDemo({ events: 1, seconds: 0, seed: 1 }, catalog).counts.view).toBe(1);
    expect(() => planDemo({ events: 0, seconds: 1, seed: 1 }, catalog)).toThrow('DEMO_EVENTS must be a whole number >= 1; got 0.');
    expect(() => planDemo({ events: 5, seconds: -1, seed: 1 }, catalog)).toThrow('DEMO_SECONDS must be a number >= 0; got -1.');
  });
});
