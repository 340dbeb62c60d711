import { genericDialect, isRecord, str } from './generic.dialect.js';
import type { ProviderDialect } from './provider-dialect.interface.js';

/** Stripe: `{ error: { type, code?, message } }`; `Stripe-Should-Retry` overrides the generic rule; 409 lock timeouts are retried (as stripe-node does). */
export const stripeDialect: ProviderDialect = {
  ...genericDialect,
  service: 'stripe',
  error(res) {
    if (res.status < 400) return undefined;
    const error = isRecord(res.body) && isRecord(res.body.error) ? res.body.error : {};
    const code = str(error.code) ?? str(error.type);
    const message = str(error.message);
    return { ...(code && { code }), ...(message && { message }) };
  },
  shouldRetry(res) {
    const advice = res.headers['stripe-should-retry'];
    if (advice === 'true') return true;
    if (advice === 'false') return false;
    return res.status === 409 ? true : undefined;
  },
  rateLimitState: () => undefined,
  requestId: (res) => res.headers['request-id'],
};
