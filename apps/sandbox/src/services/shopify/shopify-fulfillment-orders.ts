import { isRecord, type RequestContext } from '../../http/request-context.js';
import type { Handler, Reply } from '../../http/route.js';
import { holdsStack, supportedActions, touch } from './shopify-fulfillment-order.object.js';
import { notFound, shopifyError } from './shopify.errors.js';
import { FULFILLMENT_HOLD_REASONS, type FulfillmentHoldReason } from './shopify.objects.js';
import type { ShopifyState } from './shopify.state.js';

/**
 * The FulfillmentOrder resource: an order's fulfillment orders, one by id, `hold` and `release_hold`.
 * Holding needs an `open` fulfillment order (or, from 2025-01, one already `on_hold`); anything else is 422.
 */
export function fulfillmentOrderHandlers(state: ShopifyState): { ofOrder: Handler; get: Handler; hold: Handler; release: Handler } {
  return {
    ofOrder: (ctx) => {
      const orderId = Number(ctx.params.id);
      if (!state.orders.has(orderId)) return notFound();
      return { status: 200, body: { fulfillment_orders: state.fulfillmentOrdersOf(orderId) } };
    },
    get: (ctx) => {
      const fo = state.fulfillmentOrders.get(Number(ctx.params.id));
      return fo ? { status: 200, body: { fulfillment_order: fo } } : notFound();
    },
    hold: (ctx) => hold(state, ctx),
    release: (ctx) => {
      const fo = state.fulfillmentOrders.get(Number(ctx.params.id));
      if (!fo) return notFound();
      if (fo.status !== 'on_hold') return shopifyError(422, [`The fulfillment order's status must be on_hold to release its holds, but it is ${fo.status}.`]);
      fo.status = 'open';
      fo.fulfillment_holds = [];
      fo.supported_actions = supportedActions('open', ctx.params.version ?? '');
      touch(fo);
      return { status: 200, body: { fulfillment_order: fo } };
    },
  };
}

/** POST fulfillment_orders/:id/hold.json with `{ fulfillment_hold: { reason, reason_notes?, notify_merchant? } }`. */
function hold(state: ShopifyState, ctx: RequestContext): Reply {
  const fo = state.fulfillmentOrders.get(Number(ctx.params.id));
  if (!fo) return notFound();
  const parsed = ctx.json();
  const input = parsed.ok && isRecord(parsed.value) ? parsed.value.fulfillment_hold : undefined;
  if (!isRecord(input)) return shopifyError(400, { fulfillment_hold: 'Required parameter missing or invalid' });
  const reason = input.reason;
  if (typeof reason !== 'string' || reason === '') return shopifyError(422, { reason: ["can't be blank"] });
  if (!FULFILLMENT_HOLD_REASONS.includes(reason as FulfillmentHoldReason)) return shopifyError(422, { reason: ['is not included in the list'] });
  const version = ctx.params.version ?? '';
  const holdable = fo.status === 'open' || (fo.status === 'on_hold' && holdsStack(version));
  if (!holdable) return shopifyError(422, [`The fulfillment order's status must be open to apply a fulfillment hold, but it is ${fo.status}.`]);
  const notes = typeof input.reason_notes === 'string' ? input.reason_notes : null;
  if (!fo.fulfillment_holds.some((h) => h.reason === reason && h.reason_notes === notes)) {
    fo.fulfillment_holds.push({ reason: reason as FulfillmentHoldReason, reason_notes: notes });
  }
  fo.status = 'on_hold';
  fo.supported_actions = supportedActions('on_hold', version);
  touch(fo);
  return { status: 200, body: { fulfillment_order: fo } };
}
