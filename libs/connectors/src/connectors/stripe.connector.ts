import type {
  StripeCharge,
  StripeCustomer,
  StripeExpandParams,
  StripeList,
  StripeListChargesParams,
  StripeListPaymentIntentsParams,
  StripePaymentIntent,
  StripeWebhookEndpoint,
  StripeWebhookEndpointParams,
} from '../interfaces/stripe.interface.js';
import type { ConnectorRequest, QueryValue } from '../interfaces/request-options.interface.js';
import type { PagedList } from '../pagination/paged-list.js';
import { Connector } from './connector.js';

const expandQuery = (params: StripeExpandParams = {}): Record<string, QueryValue> => (params.expand?.length ? { 'expand[]': params.expand } : {});

/** A list's filters as Stripe's query: `created: { gte }` becomes `created[gte]`. */
function listQuery(params: { created?: Readonly<Record<string, number | undefined>> } & Record<string, unknown>): Record<string, QueryValue> {
  const { created, ...rest } = params;
  const query = { ...rest } as Record<string, QueryValue>;
  for (const [op, value] of Object.entries(created ?? {})) query[`created[${op}]`] = value;
  return query;
}

/**
 * The Stripe API: form-encoded bodies, `Idempotency-Key` on POSTs (the same on every retry), `starting_after` pagination.
 * @publicApi
 */
export class StripeConnector extends Connector {
  readonly kind = 'stripe' as const;

  getPaymentIntent(id: string, params?: StripeExpandParams): Promise<StripePaymentIntent> {
    return this.request({ method: 'GET', path: '/v1/payment_intents/{id}', params: { id }, query: expandQuery(params), operation: 'stripe.getPaymentIntent' });
  }

  getCustomer(id: string, params?: StripeExpandParams): Promise<StripeCustomer> {
    return this.request({ method: 'GET', path: '/v1/customers/{id}', params: { id }, query: expandQuery(params), operation: 'stripe.getCustomer' });
  }

  /** Charges, newest first; `await` for the first page or `for await` for all of them. */
  listCharges(params: StripeListChargesParams = {}): PagedList<StripeCharge, StripeList<StripeCharge>> {
    return this.list<StripeCharge>('/v1/charges', listQuery({ ...params }), 'stripe.listCharges');
  }

  /** Payment intents (a customer's when `customer` is set), newest first; `await` for the first page or `for await` for all. */
  listPaymentIntents(params: StripeListPaymentIntentsParams = {}): PagedList<StripePaymentIntent, StripeList<StripePaymentIntent>> {
    return this.list<StripePaymentIntent>('/v1/payment_intents', listQuery({ ...params }), 'stripe.listPaymentIntents');
  }

  listWebhookEndpoints(): PagedList<StripeWebhookEndpoint, StripeList<StripeWebhookEndpoint>> {
    return this.list<StripeWebhookEndpoint>('/v1/webhook_endpoints', { limit: 100 }, 'stripe.listWebhookEndpoints');
  }

  /** Creates an endpoint; the answer is the only one that carries its signing `secret`. */
  createWebhookEndpoint(params: StripeWebhookEndpointParams, options: { idempotencyKey?: string } = {}): Promise<StripeWebhookEndpoint> {
    return this.request({ method: 'POST', path: '/v1/webhook_endpoints', form: { ...params }, operation: 'stripe.createWebhookEndpoint', ...options });
  }

  updateWebhookEndpoint(id: string, params: Partial<StripeWebhookEndpointParams>): Promise<StripeWebhookEndpoint> {
    return this.request({ method: 'POST', path: '/v1/webhook_endpoints/{id}', params: { id }, form: { ...params }, operation: 'stripe.updateWebhookEndpoint' });
  }

  deleteWebhookEndpoint(id: string): Promise<{ id: string; deleted: true }> {
    return this.request({ method: 'DELETE', path: '/v1/webhook_endpoints/{id}', params: { id }, operation: 'stripe.deleteWebhookEndpoint' });
  }

  /** Any Stripe list endpoint, paged with `starting_after` = the last item's id. */
  list<T extends { id: string }>(path: string, query: Readonly<Record<string, QueryValue>> = {}, operation?: string): PagedList<T, StripeList<T>> {
    const first: ConnectorRequest<StripeList<T>> = { method: 'GET', path, query, ...(operation && { operation }) };
    return this.pagedBodies<T, StripeList<T>>(
      first,
      (body) => {
        const last = body.data.at(-1);
        return body.has_more && last ? { ...first, query: { ...query, starting_after: last.id } } : undefined;
      },
      (body) => body.data,
    );
  }
}
