import { parseLinkHeader } from '../http/link-header.js';
import type { ConnectorRequest, ConnectorResponse, QueryValue } from '../interfaces/request-options.interface.js';
import type {
  ShopifyCustomer,
  ShopifyFulfillmentHold,
  ShopifyFulfillmentOrder,
  ShopifyListOrdersParams,
  ShopifyListProductsParams,
  ShopifyOrder,
  ShopifyOrdersPage,
  ShopifyOrderUpdate,
  ShopifyProduct,
  ShopifyProductsPage,
  ShopifyWebhook,
} from '../interfaces/shopify.interface.js';
import type { PagedList } from '../pagination/paged-list.js';
import type { HttpClient } from '../http/http-client.js';
import { Connector } from './connector.js';

/** The `page_info` cursor of a `Link` relation. */
function pageInfo(res: ConnectorResponse<unknown>, rel: 'next' | 'previous'): string | undefined {
  const url = parseLinkHeader(res.headers.link)[rel];
  return url ? (new URL(url).searchParams.get('page_info') ?? undefined) : undefined;
}

/**
 * The Shopify Admin REST API of one shop; lists follow the `Link` header's `page_info` cursors.
 * @publicApi
 */
export class ShopifyConnector extends Connector {
  readonly kind = 'shopify' as const;

  constructor(
    name: string,
    http: HttpClient,
    /** Admin API version in the paths, e.g. `2025-01`. */
    readonly apiVersion: string,
  ) {
    super(name, http);
  }

  async getCustomer(id: number | string): Promise<ShopifyCustomer> {
    return (await this.request<{ customer: ShopifyCustomer }>({ method: 'GET', path: this.at('customers/{id}.json'), params: { id }, operation: 'shopify.getCustomer' })).customer;
  }

  async getOrder(id: number | string): Promise<ShopifyOrder> {
    return (await this.request<{ order: ShopifyOrder }>({ method: 'GET', path: this.at('orders/{id}.json'), params: { id }, operation: 'shopify.getOrder' })).order;
  }

  async getProduct(id: number | string): Promise<ShopifyProduct> {
    return (await this.request<{ product: ShopifyProduct }>({ method: 'GET', path: this.at('products/{id}.json'), params: { id }, operation: 'shopify.getProduct' })).product;
  }

  /** Orders, newest first (a customer's own list when `customerId` is set); `for await` walks every page. */
  listOrders(params: ShopifyListOrdersParams = {}): PagedList<ShopifyOrder, ShopifyOrdersPage> {
    const { customerId, fields, limit, created_at_min: min, created_at_max: max, ...filters } = params;
    const path = customerId === undefined ? this.at('orders.json') : this.at('customers/{id}/orders.json');
    const range = { ...(min !== undefined && { created_at_min: iso(min) }), ...(max !== undefined && { created_at_max: iso(max) }) };
    return this.linkPaged<ShopifyOrder, 'orders'>('orders', 'shopify.listOrders', { path, ...(customerId !== undefined && { params: { id: customerId } }) }, { ...filters, ...range }, { limit, fields });
  }

  /** Products in id order; `ids` picks some, `fields` trims them; `for await` walks every page. */
  listProducts(params: ShopifyListProductsParams = {}): PagedList<ShopifyProduct, ShopifyProductsPage> {
    const { ids, fields, limit, ...filters } = params;
    return this.linkPaged<ShopifyProduct, 'products'>('products', 'shopify.listProducts', { path: this.at('products.json') }, { ...filters, ...(ids && { ids: ids.join(',') }) }, { limit, fields });
  }

  /** Writes `tags` (one comma-separated string that replaces them), `note` or `email`; resolves to the updated order. */
  async updateOrder(id: number | string, fields: ShopifyOrderUpdate): Promise<ShopifyOrder> {
    const body = { order: { id: Number(id), ...fields } };
    return (await this.request<{ order: ShopifyOrder }>({ method: 'PUT', path: this.at('orders/{id}.json'), params: { id }, body, operation: 'shopify.updateOrder' })).order;
  }

  /** The order's fulfillment orders (one per location that ships part of it). */
  async listFulfillmentOrders(orderId: number | string): Promise<ShopifyFulfillmentOrder[]> {
    const path = this.at('orders/{id}/fulfillment_orders.json');
    return (await this.request<{ fulfillment_orders: ShopifyFulfillmentOrder[] }>({ method: 'GET', path, params: { id: orderId }, operation: 'shopify.listFulfillmentOrders' })).fulfillment_orders;
  }

  /**
   * Puts a fulfillment order on hold (`status: 'on_hold'`) so nothing ships; Shopify answers 422 when
   * it is not `open` (from 2025-01 a held one may be held again). Not resent on a lost answer.
   */
  async holdFulfillmentOrder(id: number | string, hold: ShopifyFulfillmentHold): Promise<ShopifyFulfillmentOrder> {
    const path = this.at('fulfillment_orders/{id}/hold.json');
    return (await this.request<{ fulfillment_order: ShopifyFulfillmentOrder }>({ method: 'POST', path, params: { id }, body: { fulfillment_hold: hold }, operation: 'shopify.holdFulfillmentOrder' })).fulfillment_order;
  }

  /** Releases every hold on a fulfillment order, opening it again; 422 when it is not on hold. */
  async releaseFulfillmentOrderHold(id: number | string): Promise<ShopifyFulfillmentOrder> {
    const path = this.at('fulfillment_orders/{id}/release_hold.json');
    return (await this.request<{ fulfillment_order: ShopifyFulfillmentOrder }>({ method: 'POST', path, params: { id }, operation: 'shopify.releaseFulfillmentOrderHold' })).fulfillment_order;
  }

  async listWebhooks(filters: { topic?: string; address?: string } = {}): Promise<ShopifyWebhook[]> {
    return (await this.request<{ webhooks: ShopifyWebhook[] }>({ method: 'GET', path: this.at('webhooks.json'), query: { ...filters, limit: 250 }, operation: 'shopify.listWebhooks' })).webhooks;
  }

  async createWebhook(input: { topic: string; address: string; format?: 'json' | 'xml' }): Promise<ShopifyWebhook> {
    const body = { webhook: { format: 'json', ...input } };
    return (await this.request<{ webhook: ShopifyWebhook }>({ method: 'POST', path: this.at('webhooks.json'), body, operation: 'shopify.createWebhook' })).webhook;
  }

  async deleteWebhook(id: number | string): Promise<void> {
    await this.request({ method: 'DELETE', path: this.at('webhooks/{id}.json'), params: { id }, operation: 'shopify.deleteWebhook' });
  }

  /** `/admin/api/{version}/…` for a resource path. */
  at(resource: string): string {
    return `/admin/api/${this.apiVersion}/${resource}`;
  }

  /** A list under `root` paged by the `Link` header's `page_info`; the filters go on the first request only. */
  private linkPaged<T, K extends string>(
    root: K,
    operation: string,
    at: Pick<ConnectorRequest<unknown>, 'path' | 'params'>,
    filters: Readonly<Record<string, QueryValue>>,
    page: { limit: number | undefined; fields: readonly string[] | undefined },
  ): PagedList<T, Record<K, T[]> & LinkCursors> {
    type Raw = Record<K, T[]>;
    const paging = { ...(page.limit !== undefined && { limit: page.limit }), ...(page.fields && { fields: page.fields.join(',') }) };
    const first: ConnectorRequest<Raw> = { method: 'GET', ...at, query: { ...filters, ...paging }, operation };
    return this.pagedBodies<T, Raw & LinkCursors, Raw>(
      first,
      // Later pages carry only the cursor (and limit/fields): Shopify refuses filters beside page_info.
      (body) => (body.nextPageInfo ? { ...first, query: { ...paging, page_info: body.nextPageInfo } } : undefined),
      (body) => body[root],
      (res) => {
        const next = pageInfo(res, 'next');
        const previous = pageInfo(res, 'previous');
        return { [root]: res.data[root], ...(next && { nextPageInfo: next }), ...(previous && { previousPageInfo: previous }) } as Raw & LinkCursors;
      },
    );
  }
}

interface LinkCursors {
  nextPageInfo?: string;
  previousPageInfo?: string;
}

const iso = (at: Date | string): string => (at instanceof Date ? at.toISOString() : at);
