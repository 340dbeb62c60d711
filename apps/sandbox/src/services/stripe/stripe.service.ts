import { prefixedId } from '../../http/ids.js';
import type { RequestContext } from '../../http/request-context.js';
import type { Reply, SandboxService } from '../../http/route.js';
import { FixedWindowLimiter } from '../../limits/fixed-window.js';
import { STRIPE_API_VERSION } from '../../sandbox.constants.js';
import type { ServiceContext } from '../service-context.js';
import { createWebhookEndpoint, updateWebhookEndpoint } from './stripe-webhook-endpoints.js';
import { API_KEY, REQUEST_ID, idempotent } from './stripe-idempotency.js';
import { listReply } from './stripe-list.js';
import { invalidApiKey, missingApiKey, rateLimited, resourceMissing, stripeError, stripeFailure, unrecognizedUrl } from './stripe.errors.js';

const found = (object: unknown): Reply => ({ status: 200, body: object });

export function createStripeService(sc: ServiceContext): SandboxService {
  const state = sc.state.stripe;
  const limiter = new FixedWindowLimiter(sc.limits.stripePerSecond ?? 25, 1000);

  const get = <T>(map: Map<string, T>, kind: string) => (ctx: RequestContext): Reply => {
    const object = map.get(ctx.params.id ?? '');
    return object ? found(object) : resourceMissing(kind, ctx.params.id ?? '');
  };

  return {
    name: 'stripe',
    prefixes: ['/v1/'],
    routes: [
      { method: 'GET', pattern: '/v1/customers/:id', handler: get(state.customers, 'customer') },
      {
        method: 'GET',
        pattern: '/v1/customers',
        handler: (ctx) => {
          // Stripe: "A case-sensitive filter on the list based on the customer's email field."
          const email = ctx.query.get('email');
          const customers = [...state.customers.values()].filter((c) => email === null || c.email === email);
          return listReply(ctx, '/v1/customers', 'customer', customers, ['email', 'created']);
        },
      },
      { method: 'GET', pattern: '/v1/payment_intents/:id', handler: get(state.paymentIntents, 'payment_intent') },
      {
        method: 'GET',
        pattern: '/v1/payment_intents',
        handler: (ctx) => {
          const customer = ctx.query.get('customer');
          if (customer && !state.customers.has(customer)) return resourceMissing('customer', customer, 'customer', 400);
          const intents = [...state.paymentIntents.values()].filter((pi) => !customer || pi.customer === customer);
          return listReply(ctx, '/v1/payment_intents', 'payment_intent', intents, ['customer', 'created']);
        },
      },
      { method: 'GET', pattern: '/v1/charges/:id', handler: get(state.charges, 'charge') },
      {
        method: 'GET',
        pattern: '/v1/charges',
        handler: (ctx) => {
          const customer = ctx.query.get('customer');
          const intent = ctx.query.get('payment_intent');
          if (customer && !state.customers.has(customer)) return resourceMissing('customer', customer, 'customer', 400);
          const charges = [...state.charges.values()].filter((c) => (!customer || c.customer === customer) && (!intent || c.payment_intent === intent));
          return listReply(ctx, '/v1/charges', 'charge', charges, ['customer', 'payment_intent', 'created']);
        },
      },
      { method: 'POST', pattern: '/v1/webhook_endpoints', handler: idempotent(state, (ctx) => createWebhookEndpoint(state, ctx)) },
      {
        method: 'GET',
        pattern: '/v1/webhook_endpoints',
        handler: (ctx) => listReply(ctx, '/v1/webhook_endpoints', 'webhook endpoint', [...state.webhookEndpoints.values()].map(withoutSecret), []),
      },
      {
        method: 'GET',
        pattern: '/v1/webhook_endpoints/:id',
        handler: (ctx) => {
          const endpoint = state.webhookEndpoints.get(ctx.params.id ?? '');
          return endpoint ? found(withoutSecret(endpoint)) : resourceMissing('webhook endpoint', ctx.params.id ?? '');
        },
      },
      { method: 'POST', pattern: '/v1/webhook_endpoints/:id', handler: idempotent(state, (ctx) => updateWebhookEndpoint(state, ctx)) },
      {
        method: 'DELETE',
        pattern: '/v1/webhook_endpoints/:id',
        handler: (ctx) => {
          const id = ctx.params.id ?? '';
          if (!state.webhookEndpoints.delete(id)) return resourceMissing('webhook endpoint', id);
          return found({ id, object: 'webhook_endpoint', deleted: true });
        },
      },
    ],
    before(ctx) {
      ctx.locals.set(REQUEST_ID, prefixedId('req_', 14));
      const key = apiKeyOf(ctx);
      if (!key) return missingApiKey();
      if (key !== sc.credentials.stripeSecretKey) return invalidApiKey(key);
      ctx.locals.set(API_KEY, key);
      if (!limiter.hit(key).allowed) return rateLimited();
      if (ctx.method === 'POST' && ctx.mediaType() === 'application/json') {
        return stripeError(400, {
          type: 'invalid_request_error',
          message: 'Invalid request (check that your POST content type is application/x-www-form-urlencoded). If you have any questions, we can help at https://support.stripe.com/.',
        });
      }
      return undefined;
    },
    decorate(ctx, reply) {
      const requestId = (ctx.locals.get(REQUEST_ID) as string | undefined) ?? prefixedId('req_', 14);
      reply.headers = {
        'Request-Id': requestId,
        'Stripe-Version': ctx.header('stripe-version') ?? STRIPE_API_VERSION,
        'Cache-Control': 'no-cache, no-store',
        ...reply.headers,
      };
    },
    notFound: (ctx) => unrecognizedUrl(ctx.method, ctx.url.pathname),
    failure: (status) => stripeFailure(status),
  };
}

/** Stripe takes the secret key as a Bearer token or as the Basic-auth user name (`curl -u sk_test_…:`). */
function apiKeyOf(ctx: RequestContext): string | undefined {
  const bearer = ctx.bearer();
  if (bearer) return bearer;
  const basic = /^basic\s+(.+)$/i.exec(ctx.header('authorization') ?? '')?.[1];
  if (!basic) return undefined;
  const user = Buffer.from(basic, 'base64').toString('utf8').split(':')[0];
  return user || undefined;
}

function withoutSecret<T extends { secret?: string }>(endpoint: T): Omit<T, 'secret'> {
  const { secret: _secret, ...rest } = endpoint;
  return rest;
}
