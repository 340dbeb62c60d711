import { parseLinkHeader } from '../http/link-header.js';
import type { ConnectorRequest, ConnectorResponse } from '../interfaces/request-options.interface.js';
import type { ShopifyCustomer, ShopifyListOrdersParams, ShopifyOrder, ShopifyOrdersPage, ShopifyProduct, ShopifyWebhook } from '../interfaces/shopify.interface.js';
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
    const { customerId, fields, limit, ...filters } = params;
    const path = customerId === undefined ? this.at('orders.json') : this.at('customers/{id}/orders.json');
    const paging = { ...(limit !== undefined && { limit }), ...(fields && { fields: fields.join(',') }) };
    const first: ConnectorRequest<{ orders: ShopifyOrder[] }> = {
      method: 'GET',
      path,
      ...(customerId !== undefined && { params: { id: customerId } }),
      query: { ...filters, ...paging },
      operation: 'shopify.listOrders',
    };
    return this.pagedBodies<ShopifyOrder, ShopifyOrdersPage, { orders: ShopifyOrder[] }>(
      first,
      // Later pages carry only the cursor (and limit/fields): Shopify refuses filters beside page_info.
      (page) => (page.nextPageInfo ? { ...first, query: { ...paging, page_info: page.nextPageInfo } } : undefined),
      (page) => page.orders,
      (res) => {
        const next = pageInfo(res, 'next');
        const previous = pageInfo(res, 'previous');
        return { orders: res.data.orders, ...(next && { nextPageInfo: next }), ...(previous && { previousPageInfo: previous }) };
      },
    );
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
}
