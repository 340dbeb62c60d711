import { isRecord, type RequestContext } from '../../http/request-context.js';
import type { Handler, Reply } from '../../http/route.js';
import { notFound, shopifyError } from './shopify.errors.js';
import type { ShopifyState } from './shopify.state.js';

const TOPICS = new Set([
  'app/uninstalled', 'carts/create', 'carts/update', 'checkouts/create', 'checkouts/update', 'customers/create',
  'customers/delete', 'customers/disable', 'customers/enable', 'customers/update', 'fulfillments/create',
  'fulfillments/update', 'inventory_levels/update', 'orders/cancelled', 'orders/create', 'orders/delete',
  'orders/edited', 'orders/fulfilled', 'orders/paid', 'orders/partially_fulfilled', 'orders/updated',
  'products/create', 'products/delete', 'products/update', 'refunds/create', 'shop/update',
]);

export function webhookHandlers(state: ShopifyState): { list: Handler; create: Handler; get: Handler; remove: Handler } {
  return {
    list: (ctx) => {
      const topic = ctx.query.get('topic');
      const address = ctx.query.get('address');
      const webhooks = [...state.webhooks.values()].filter((w) => (!topic || w.topic === topic) && (!address || w.address === address));
      return { status: 200, body: { webhooks } };
    },
    create: (ctx) => create(state, ctx),
    get: (ctx) => {
      const webhook = state.webhooks.get(Number(ctx.params.id));
      return webhook ? { status: 200, body: { webhook } } : notFound();
    },
    remove: (ctx) => (state.webhooks.delete(Number(ctx.params.id)) ? { status: 200, body: {} } : notFound()),
  };
}

/** POST webhooks.json with `{ webhook: { topic, address, format } }`; validation errors are 422 keyed by field. */
function create(state: ShopifyState, ctx: RequestContext): Reply {
  const parsed = ctx.json();
  const input = parsed.ok && isRecord(parsed.value) ? parsed.value.webhook : undefined;
  if (!isRecord(input)) return shopifyError(400, { webhook: 'Required parameter missing or invalid' });
  const errors: Record<string, string[]> = {};
  const { topic, address, format = 'json', fields } = input;
  if (typeof topic !== 'string' || topic === '') errors.topic = ["can't be blank"];
  else if (!TOPICS.has(topic)) errors.topic = [`Invalid topic specified: ${topic}. Does it exist? Is there a missing access scope?`];
  if (typeof address !== 'string' || address === '') errors.address = ["can't be blank"];
  else if (!isAddress(address)) errors.address = ['is invalid'];
  if (format !== 'json' && format !== 'xml') errors.format = ['is not included in the list'];
  if (Object.keys(errors).length > 0) return shopifyError(422, errors);
  const taken = [...state.webhooks.values()].some((w) => w.topic === topic && w.address === address);
  if (taken) return shopifyError(422, { address: ['for this topic has already been taken'] });
  const webhook = state.createWebhook({
    topic: topic as string,
    address: address as string,
    format: format as 'json' | 'xml',
    apiVersion: ctx.params.version,
    ...(Array.isArray(fields) && { fields: fields.map(String) }),
  });
  return { status: 201, body: { webhook } };
}

function isAddress(text: string): boolean {
  try {
    return ['https:', 'http:'].includes(new URL(text).protocol);
  } catch {
    return /^(pubsub|arn):/.test(text);
  }
}
