import { canonicalJson, decodeNestedForm } from '../../http/form-encoding.js';
import type { RequestContext } from '../../http/request-context.js';
import type { Handler, Reply } from '../../http/route.js';
import { idempotencyMismatch, stripeError } from './stripe.errors.js';
import type { StripeState } from './stripe.state.js';

export const API_KEY = 'stripe.apiKey';
export const REQUEST_ID = 'stripe.requestId';

/**
 * Stripe's idempotency layer for POST: the first answer to a key is saved with its parameters;
 * the same key and parameters replay it (`Idempotent-Replayed: true`), other parameters are refused.
 * Validation failures (4xx) are not saved, as Stripe saves only once the endpoint starts executing.
 */
export function idempotent(state: StripeState, handler: Handler): Handler {
  return async (ctx: RequestContext): Promise<Reply> => {
    const key = ctx.header('idempotency-key');
    if (key === undefined) return handler(ctx);
    if (key.length > 255) {
      return stripeError(400, { type: 'invalid_request_error', message: 'Idempotency-Key must be at most 255 characters long.' });
    }
    const storeKey = `${String(ctx.locals.get(API_KEY))}\u0000${key}`;
    const endpoint = `${ctx.method} ${ctx.url.pathname}`;
    const params = canonicalJson(decodeNestedForm(ctx.form()));
    const saved = state.idempotency.get(storeKey);
    if (saved) {
      if (saved.endpoint !== endpoint || saved.params !== params) return idempotencyMismatch(key);
      return {
        ...saved.reply,
        headers: { ...saved.reply.headers, 'Idempotent-Replayed': 'true', 'Original-Request': saved.requestId },
      };
    }
    const reply = await handler(ctx);
    if (reply.status < 400 || reply.status >= 500) {
      state.idempotency.set(storeKey, { endpoint, params, requestId: String(ctx.locals.get(REQUEST_ID)), reply: structuredClone(reply) });
    }
    return { ...reply, headers: { ...reply.headers, 'Idempotency-Key': key } };
  };
}
