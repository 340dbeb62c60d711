import { SeededRandom } from './random.js';
import type { DemoCatalog, DemoCustomer } from './demo-catalog.js';
import { ORDINARY_NOTES, REVIEW_LANGUAGES, REVIEWS, RUSHED_NOTES, TICKET_LANGUAGES, TICKETS, type ReviewLanguage, type TicketLanguage, type Tone } from './demo-texts.js';

/** The webhook sources the demo sends to (the app's intake routes `/webhooks/<source>`). */
export type DemoSource = 'storefront' | 'helpdesk' | 'shopify' | 'stripe';

interface Timed {
  /** When to send, in ms from the start of the demo. */
  readonly atMs: number;
}

export type DemoAction = Timed & (
  | { readonly kind: 'view'; readonly key: number; readonly customer: number; readonly product: number }
  | { readonly kind: 'review'; readonly product: number; readonly email: string; readonly language: ReviewLanguage; readonly tone: Tone; readonly rating: number; readonly title: string; readonly body: string }
  | { readonly kind: 'ticket'; readonly email: string; readonly language: TicketLanguage; readonly tone: Tone; readonly highValue: boolean; readonly subject: string; readonly body: string; readonly priority: 'normal' | 'high' }
  | { readonly kind: 'order'; readonly key: number; readonly customer: number; readonly lines: readonly { readonly productId: number; readonly quantity: number }[]; readonly note?: string; readonly risky: boolean }
  | { readonly kind: 'payment'; readonly key: number; readonly order: number; readonly mismatch: boolean }
  /** The same delivery as action `of` (a view, an order or a payment), sent again. */
  | { readonly kind: 'duplicate'; readonly of: number }
  /** A delivery signed with the wrong secret: the intake answers 401. */
  | { readonly kind: 'forged'; readonly source: DemoSource; readonly customer: number; readonly product: number }
);

export type DemoActionKind = DemoAction['kind'];

export interface DemoPlanOptions {
  /** How many deliveries in all (duplicates and forged ones included). */
  readonly events: number;
  /** Spread over this many seconds. */
  readonly seconds: number;
  readonly seed: number;
}

export interface DemoPlan {
  readonly actions: readonly DemoAction[];
  /** What the intake must answer if it works: every first delivery accepted, each re-send a duplicate, each forgery rejected. */
  readonly expected: { readonly accepted: number; readonly duplicates: number; readonly rejected: number };
  readonly counts: Readonly<Record<DemoActionKind, number>>;
}

/** Shares of the stream; views take what is left. */
const SHARES = { review: 0.18, ticket: 0.08, order: 0.18, payment: 0.08, duplicate: 0.05, forged: 0.02 } as const;
const FORGED_SOURCES: readonly DemoSource[] = ['storefront', 'shopify', 'helpdesk', 'stripe'];

/**
 * A morning at the shop as the outside world sends it, decided up front from the seed: the same
 * seed and sizes give the same actions in the same order. Each kind appears at least once when
 * there are enough events (six or more); payments follow their order, duplicates their original.
 */
export function planDemo(options: DemoPlanOptions, catalog: DemoCatalog): DemoPlan {
  const { events, seconds } = options;
  if (!Number.isInteger(events) || events < 1) throw new Error(`DEMO_EVENTS must be a whole number >= 1; got ${events}.`);
  if (!(seconds >= 0)) throw new Error(`DEMO_SECONDS must be a number >= 0; got ${seconds}.`);
  const random = new SeededRandom(options.seed);
  const quota = quotas(events);
  const payers = catalog.customers.filter((c) => c.stripeId);
  const actions: DemoAction[] = [];
  const unpaid: number[] = [];
  const resendable: number[] = [];
  let key = 0;
  let reviews = 0;
  let tickets = 0;
  let orders = 0;
  let payments = 0;
  let forged = 0;
  for (let i = 0; i < events; i++) {
    // Evenly spread with a little jitter, never out of order.
    const atMs = Math.round(((i + random.next() * 0.8) / events) * seconds * 1000);
    const kind = nextKind(random, quota, { unpaid: unpaid.length > 0, resendable: resendable.length > 0 });
    quota[kind]--;
    const customer = random.pick(catalog.customers);
    const product = random.pick(catalog.products).shopifyId;
    let action: DemoAction;
    switch (kind) {
      case 'view':
        action = { kind, atMs, key: key++, customer: customer.shopifyId, product };
        resendable.push(actions.length);
        break;
      case 'review': {
        const language = REVIEW_LANGUAGES[reviews++ % REVIEW_LANGUAGES.length]!;
        const tone: Tone = random.chance(0.35) ? 'negative' : 'positive';
        action = { kind, atMs, product, email: customer.email, language, tone, ...random.pick(REVIEWS[language][tone]) };
        break;
      }
      case 'ticket': {
        const language = TICKET_LANGUAGES[tickets % TICKET_LANGUAGES.length]!;
        // Every other ticket is a complaint; every third comes from a high-value customer.
        const tone: Tone = tickets % 2 === 0 ? 'negative' : 'positive';
        const from = tickets % 3 === 1 ? random.pick(catalog.customers.filter((c) => c.highValue).concat(customer)) : customer;
        tickets++;
        action = { kind, atMs, email: from.email, language, tone, highValue: from.highValue, priority: tone === 'negative' ? 'high' : 'normal', ...random.pick(TICKETS[language][tone]) };
        break;
      }
      case 'order': {
        // One in eight orders looks risky (many units, a rushed note); the first risky one comes third.
        const risky = orders === 2 || (orders > 2 && random.chance(0.12));
        const buyer: DemoCustomer = payers.length > 0 && random.chance(0.8) ? random.pick(payers) : customer;
        action = risky
          ? { kind, atMs, key: key++, customer: buyer.shopifyId, lines: [{ productId: product, quantity: random.int(6, 12) }], note: random.pick(RUSHED_NOTES), risky }
          : { kind, atMs, key: key++, customer: buyer.shopifyId, lines: orderLines(random, catalog, product), ...(random.chance(0.15) && { note: random.pick(ORDINARY_NOTES) }), risky };
        orders++;
        if (catalog.customers.find((c) => c.shopifyId === buyer.shopifyId)?.stripeId) unpaid.push(actions.length);
        resendable.push(actions.length);
        break;
      }
      case 'payment': {
        const order = unpaid.splice(random.int(0, unpaid.length - 1), 1)[0]!;
        // Exactly one payment (the second) does not match its order's amount.
        action = { kind, atMs, key: key++, order, mismatch: payments++ === 1 };
        resendable.push(actions.length);
        break;
      }
      case 'duplicate':
        action = { kind, atMs, of: random.pick(resendable) };
        break;
      case 'forged':
        action = { kind, atMs, source: FORGED_SOURCES[forged++ % FORGED_SOURCES.length]!, customer: customer.shopifyId, product };
        break;
    }
    actions.push(action);
  }
  const counts = { view: 0, review: 0, ticket: 0, order: 0, payment: 0, duplicate: 0, forged: 0 };
  for (const a of actions) counts[a.kind]++;
  return { actions, counts, expected: { accepted: events - counts.duplicate - counts.forged, duplicates: counts.duplicate, rejected: counts.forged } };
}

type Quota = Record<DemoActionKind, number>;

function quotas(events: number): Quota {
  const share = (s: number, min: number) => (events >= 6 ? Math.max(min, Math.round(events * s)) : 0);
  const q: Quota = {
    view: 0,
    review: share(SHARES.review, 1),
    ticket: share(SHARES.ticket, 1),
    order: share(SHARES.order, 3),
    payment: share(SHARES.payment, 2),
    duplicate: share(SHARES.duplicate, 1),
    forged: share(SHARES.forged, events >= 20 ? 2 : 1),
  };
  const taken = q.review + q.ticket + q.order + q.payment + q.duplicate + q.forged;
  if (taken > events) return { view: events, review: 0, ticket: 0, order: 0, payment: 0, duplicate: 0, forged: 0 };
  q.view = events - taken;
  return q;
}

/** Picks a kind with quota left in proportion to what is left; payments need an unpaid order, duplicates an original. */
function nextKind(random: SeededRandom, quota: Quota, can: { unpaid: boolean; resendable: boolean }): DemoActionKind {
  const allowed = (Object.keys(quota) as DemoActionKind[]).filter((k) => quota[k] > 0 && (k !== 'payment' || can.unpaid) && (k !== 'duplicate' || can.resendable));
  const total = allowed.reduce((sum, k) => sum + quota[k], 0);
  if (total === 0) {
    // Only payments or duplicates are left and none can be sent yet: a view takes the slot, the quota moves on.
    const stuck = (Object.keys(quota) as DemoActionKind[]).find((k) => quota[k] > 0)!;
    quota[stuck]--;
    quota.view++;
    return 'view';
  }
  let roll = random.next() * total;
  for (const k of allowed) {
    roll -= quota[k];
    if (roll < 0) return k;
  }
  return allowed[allowed.length - 1]!;
}

function orderLines(random: SeededRandom, catalog: DemoCatalog, first: number): { productId: number; quantity: number }[] {
  const lines = [{ productId: first, quantity: random.chance(0.8) ? 1 : 2 }];
  if (catalog.products.length > 1 && random.chance(0.3)) {
    const other = random.pick(catalog.products.filter((p) => p.shopifyId !== first)).shopifyId;
    lines.push({ productId: other, quantity: 1 });
  }
  return lines;
}
