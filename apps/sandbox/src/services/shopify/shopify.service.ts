import { uuid } from '../../http/ids.js';
import type { RequestContext } from '../../http/request-context.js';
import type { Handler, Reply, SandboxService } from '../../http/route.js';
import { LeakyBucket } from '../../limits/leaky-bucket.js';
import type { ServiceContext } from '../service-context.js';
import { fulfillmentOrderHandlers } from './shopify-fulfillment-orders.js';
import { updateOrder } from './shopify-order-update.js';
import { paginate, selectFields } from './shopify-pagination.js';
import { webhookHandlers } from './shopify-webhooks.js';
import { notFound, shopifyError, shopifyFailure, throttled, unauthorized } from './shopify.errors.js';
import type { ShopifyOrder, ShopifyProduct } from './shopify.objects.js';
import type { ShopifyState } from './shopify.state.js';

const BUCKET = 'shopify.bucket';
const VERSION = /^(\d{4}-(01|04|07|10)|unstable)$/;

export function createShopifyService(sc: ServiceContext): SandboxService {
  const state = sc.state.shopify;
  const size = sc.limits.shopifyBucket?.size ?? 40;
  const bucket = new LeakyBucket(size, sc.limits.shopifyBucket?.leakPerSecond ?? 2);
  const webhooks = webhookHandlers(state);
  const fulfillment = fulfillmentOrderHandlers(state);
  const one = (map: Map<number, object>, root: string): Handler => (ctx) => {
    const item = map.get(Number(ctx.params.id));
    return item ? { status: 200, body: { [root]: selectFields([item], ctx.query.get('fields'))[0] } } : notFound();
  };
  /** orders.json, or customers/:id/orders.json when `ofCustomer` (the customer comes from the path). */
  const ordersList = (ofCustomer: boolean): Handler => (ctx) => {
    if (ofCustomer && !state.customers.has(Number(ctx.params.id))) return notFound();
    const bad = ['created_at_min', 'created_at_max'].find((name) => ctx.query.has(name) && Number.isNaN(Date.parse(ctx.query.get(name) ?? '')));
    if (bad) return shopifyError(400, { [bad]: 'Invalid value.' });
    return listed(ctx, 'orders', (filters) => filterOrders(state, { ...filters, ...(ofCustomer && { customer_id: ctx.params.id ?? '' }) }));
  };
  /** One page of a Link-paginated list under `root`, with `fields=` applied. */
  const listed = <T extends { id: number }>(ctx: RequestContext, root: string, items: (filters: Record<string, string>) => T[]): Reply => {
    const result = paginate(ctx, items, `${sc.origin()}${ctx.url.pathname}`);
    if ('error' in result) return shopifyError(400, { page_info: result.error });
    return { status: 200, body: { [root]: selectFields(result.page, ctx.query.get('fields')) }, ...(result.link && { headers: { Link: result.link } }) };
  };
  const at = (path: string) => `/admin/api/:version/${path}`;

  return {
    name: 'shopify',
    prefixes: ['/admin/api/'],
    routes: [
      { method: 'GET', pattern: at('customers/:id.json'), handler: one(state.customers, 'customer') },
      { method: 'GET', pattern: at('customers/:id/orders.json'), handler: ordersList(true) },
      { method: 'GET', pattern: at('orders.json'), handler: ordersList(false) },
      { method: 'GET', pattern: at('orders/:id.json'), handler: one(state.orders, 'order') },
      { method: 'PUT', pattern: at('orders/:id.json'), handler: (ctx) => updateOrder(state, ctx) },
      { method: 'GET', pattern: at('orders/:id/fulfillment_orders.json'), handler: fulfillment.ofOrder },
      { method: 'GET', pattern: at('fulfillment_orders/:id.json'), handler: fulfillment.get },
      { method: 'POST', pattern: at('fulfillment_orders/:id/hold.json'), handler: fulfillment.hold },
      { method: 'POST', pattern: at('fulfillment_orders/:id/release_hold.json'), handler: fulfillment.release },
      { method: 'GET', pattern: at('products.json'), handler: (ctx) => listed(ctx, 'products', (filters) => filterProducts(state.products.values(), filters)) },
      { method: 'GET', pattern: at('products/:id.json'), handler: one(state.products, 'product') },
      { method: 'GET', pattern: at('webhooks.json'), handler: webhooks.list },
      { method: 'POST', pattern: at('webhooks.json'), handler: webhooks.create },
      { method: 'GET', pattern: at('webhooks/:id.json'), handler: webhooks.get },
      { method: 'DELETE', pattern: at('webhooks/:id.json'), handler: webhooks.remove },
    ],
    before(ctx, route) {
      if (route && !VERSION.test(ctx.params.version ?? '')) return notFound();
      if (ctx.header('x-shopify-access-token') !== sc.credentials.shopifyAccessToken) return unauthorized();
      if (!bucket.tryAdd()) return throttled(size);
      ctx.locals.set(BUCKET, bucket);
      return undefined;
    },
    decorate(ctx, reply) {
      const counted = ctx.locals.get(BUCKET) instanceof LeakyBucket;
      reply.headers = {
        'X-Request-Id': uuid(),
        ...(ctx.params.version && { 'X-Shopify-API-Version': ctx.params.version }),
        ...(counted && { 'X-Shopify-Shop-Api-Call-Limit': `${bucket.used()}/${size}` }),
        ...reply.headers,
      };
    },
    notFound: () => notFound(),
    failure: (status) => shopifyFailure(status, size),
  };
}

/** Filters of orders.json; `status` defaults to `open` as in Shopify. Newest (`created_at`, then id) first, or by id after `since_id`. */
function filterOrders(state: ShopifyState, f: Record<string, string>): ShopifyOrder[] {
  const status = f.status ?? 'open';
  const ids = f.ids ? new Set(f.ids.split(',').map(Number)) : undefined;
  const sinceId = f.since_id ? Number(f.since_id) : undefined;
  const min = f.created_at_min ? Date.parse(f.created_at_min) : -Infinity;
  const max = f.created_at_max ? Date.parse(f.created_at_max) : Infinity;
  const orders = [...state.orders.values()].filter(
    (o) =>
      (status === 'any' ||
        (status === 'open' && !o.closed_at && !o.cancelled_at) ||
        (status === 'closed' && Boolean(o.closed_at)) ||
        (status === 'cancelled' && Boolean(o.cancelled_at))) &&
      (!f.customer_id || String(o.customer?.id) === f.customer_id) &&
      (!f.financial_status || f.financial_status === 'any' || o.financial_status === f.financial_status) &&
      (!ids || ids.has(o.id)) &&
      (sinceId === undefined || o.id > sinceId) &&
      Date.parse(o.created_at) >= min &&
      Date.parse(o.created_at) <= max,
  );
  if (sinceId !== undefined) return orders.sort((a, b) => a.id - b.id);
  return orders.sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id);
}

/** Filters of products.json (`ids`, `since_id`, `product_type`, `vendor`, `status`), in id order. */
function filterProducts(products: Iterable<ShopifyProduct>, f: Record<string, string>): ShopifyProduct[] {
  const ids = f.ids ? new Set(f.ids.split(',').map(Number)) : undefined;
  const sinceId = f.since_id ? Number(f.since_id) : -Infinity;
  const statuses = (f.status ?? 'active,draft,archived').split(',');
  return [...products]
    .filter(
      (p) =>
        (!ids || ids.has(p.id)) &&
        p.id > sinceId &&
        (!f.product_type || p.product_type === f.product_type) &&
        (!f.vendor || p.vendor === f.vendor) &&
        statuses.includes(p.status),
    )
    .sort((a, b) => a.id - b.id);
}

