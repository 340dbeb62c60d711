/** Currencies whose minor unit is not a hundredth (Stripe's list): amounts in Stripe are in minor units. */
const ZERO_DECIMAL = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']);
const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);
const RISKY = new Set(['elevated', 'highest']);

export function currencyExponent(currency: string): number {
  const c = currency.toLowerCase();
  return ZERO_DECIMAL.has(c) ? 0 : THREE_DECIMAL.has(c) ? 3 : 2;
}

/** A major-unit amount (Shopify's `total_price`, `"129.99"`) in minor units (Stripe's `amount`, 12999). */
export function toMinorUnits(major: string | number, currency: string): number {
  return Math.round(Number(major) * 10 ** currencyExponent(currency));
}

/** `12999, 'usd'` → `129.99 USD`. */
export function formatMinor(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  return `${(minor / 10 ** exponent).toFixed(exponent)} ${currency.toUpperCase()}`;
}

/** The payment as read back from Stripe (never the webhook's payload). */
export interface PaymentFacts {
  readonly id: string;
  readonly status: string;
  /** Minor units actually received. */
  readonly amountReceived: number;
  readonly currency: string;
  readonly customer: { readonly id: string; readonly email: string | null; readonly shopifyCustomerId: string | null } | null;
  readonly riskLevel: string | null;
  readonly riskScore: number | null;
}

/** The Shopify order the payment claims to pay. */
export interface OrderFacts {
  readonly id: number;
  readonly name: string;
  /** Major units, as Shopify sends it. */
  readonly totalPrice: string;
  readonly currency: string;
  readonly customerId: number | null;
  readonly email: string | null;
}

export interface PaymentCheck {
  readonly check: 'order' | 'status' | 'amount' | 'currency' | 'customer' | 'risk';
  readonly ok: boolean;
  readonly detail: string;
}

/** Each check the payment must pass before the customer is told it went through. */
export function checkPayment(payment: PaymentFacts, order: OrderFacts | null): PaymentCheck[] {
  const checks: PaymentCheck[] = [
    payment.status === 'succeeded'
      ? { check: 'status', ok: true, detail: 'Stripe says succeeded' }
      : { check: 'status', ok: false, detail: `Stripe says ${payment.status}, not succeeded` },
  ];
  if (order === null) return [...checks, { check: 'order', ok: false, detail: 'no Shopify order matches the payment (metadata.shopify_order_id / order_name)' }, risk(payment)];
  checks.push({ check: 'order', ok: true, detail: `Shopify order ${order.name}` });
  const sameCurrency = payment.currency.toLowerCase() === order.currency.toLowerCase();
  checks.push(sameCurrency
    ? { check: 'currency', ok: true, detail: order.currency.toUpperCase() }
    : { check: 'currency', ok: false, detail: `paid in ${payment.currency.toUpperCase()}, the order is in ${order.currency.toUpperCase()}` });
  const expected = toMinorUnits(order.totalPrice, order.currency);
  checks.push(sameCurrency && payment.amountReceived === expected
    ? { check: 'amount', ok: true, detail: formatMinor(expected, order.currency) }
    : { check: 'amount', ok: false, detail: `received ${formatMinor(payment.amountReceived, payment.currency)}, the order totals ${formatMinor(expected, order.currency)}` });
  checks.push(customer(payment, order));
  checks.push(risk(payment));
  return checks;
}

function customer(payment: PaymentFacts, order: OrderFacts): PaymentCheck {
  const c = payment.customer;
  if (!c) return { check: 'customer', ok: false, detail: 'the payment has no Stripe customer' };
  if (c.shopifyCustomerId !== null && order.customerId !== null) {
    return c.shopifyCustomerId === String(order.customerId)
      ? { check: 'customer', ok: true, detail: `${c.id} is Shopify customer ${order.customerId}` }
      : { check: 'customer', ok: false, detail: `${c.id} is Shopify customer ${c.shopifyCustomerId}, the order is customer ${order.customerId}'s` };
  }
  if (c.email && order.email && c.email.toLowerCase() === order.email.toLowerCase()) return { check: 'customer', ok: true, detail: `${c.id} has the order's email` };
  return { check: 'customer', ok: false, detail: `${c.id} (${c.email ?? 'no email'}) does not match the order's customer (${order.email ?? 'no email'})` };
}

function risk(payment: PaymentFacts): PaymentCheck {
  const level = payment.riskLevel ?? 'unknown';
  const score = payment.riskScore === null ? '' : `, score ${payment.riskScore}`;
  return { check: 'risk', ok: !RISKY.has(level), detail: `Stripe risk ${level}${score}` };
}
