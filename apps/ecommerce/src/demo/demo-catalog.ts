import type { Sandbox } from '@aiwire/sandbox';

export interface DemoCustomer {
  readonly shopifyId: number;
  readonly email: string;
  readonly name: string;
  /** Their Stripe customer, when they have one (only they pay through Stripe in the demo). */
  readonly stripeId?: string;
  /** A `vip` tag or among the top third by total spent: their tickets escalate. */
  readonly highValue: boolean;
}

export interface DemoProduct {
  readonly shopifyId: number;
  readonly title: string;
  readonly price: number;
}

/** The people and products the demo plays with: the sandbox's seeded shop, read from its state. */
export interface DemoCatalog {
  readonly customers: readonly DemoCustomer[];
  readonly products: readonly DemoProduct[];
}

/**
 * Reads the seed from the sandbox rather than copying its ids, so the demo uses whatever shop the
 * sandbox seeds (it grows) and every id it sends exists in Shopify, Stripe and the CRM.
 */
export function catalogFrom(sandbox: Sandbox): DemoCatalog {
  const { shopify, stripe } = sandbox.state;
  const stripeByEmail = new Map([...stripe.customers.values()].filter((c) => c.email).map((c) => [c.email!.toLowerCase(), c.id]));
  const people = [...shopify.customers.values()].filter((c) => c.email).sort((a, b) => a.id - b.id);
  const spent = people.map((c) => Number(c.total_spent)).sort((a, b) => b - a);
  const topThird = spent[Math.max(0, Math.ceil(spent.length / 3) - 1)] ?? Number.POSITIVE_INFINITY;
  const customers = people.map((c): DemoCustomer => {
    const email = c.email!;
    const stripeId = stripeByEmail.get(email.toLowerCase());
    const vip = c.tags.split(',').map((t) => t.trim()).includes('vip');
    return { shopifyId: c.id, email, name: `${c.first_name ?? ''} ${c.last_name ?? ''}`.trim(), ...(stripeId && { stripeId }), highValue: vip || (Number(c.total_spent) > 0 && Number(c.total_spent) >= topThird) };
  });
  const products = [...shopify.products.values()]
    .filter((p) => p.status === 'active' && p.variants.length > 0)
    .sort((a, b) => a.id - b.id)
    .map((p): DemoProduct => ({ shopifyId: p.id, title: p.title, price: Number(p.variants[0]!.price) }));
  if (customers.length === 0 || products.length === 0) {
    throw new Error('The sandbox has no seeded customers or products: start it with seed: true (the default) to play the demo.');
  }
  return { customers, products };
}
