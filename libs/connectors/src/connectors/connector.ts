import type { HttpClient } from '../http/http-client.js';
import type { ConnectorKind } from '../interfaces/connector-options.interface.js';
import type { ConnectorRequest, ConnectorResponse } from '../interfaces/request-options.interface.js';
import { PagedList, type NextPage } from '../pagination/paged-list.js';

/**
 * What every connector offers: `request()` for any endpoint of its API (typed by the caller),
 * `send()` when the status and headers matter too, and `paginate()` for cursor-paged lists.
 * @publicApi
 */
export abstract class Connector {
  abstract readonly kind: ConnectorKind;

  constructor(
    /** The connector's name in the module options. */
    readonly name: string,
    protected readonly http: HttpClient,
  ) {}

  /** Calls the API and resolves to the parsed body, typed as `T` (validated when `validate` is given). */
  async request<T = unknown>(req: ConnectorRequest<T>): Promise<T> {
    return (await this.http.send(req)).data;
  }

  /** Calls the API and resolves to the status, headers, body and attempts. */
  send<T = unknown>(req: ConnectorRequest<T>): Promise<ConnectorResponse<T>> {
    return this.http.send(req);
  }

  /**
   * A paged list: `first` is the first request, `next` the request for the page after a given
   * one (or undefined on the last), `items` the items of a page.
   */
  paginate<TItem, TPage>(
    first: ConnectorRequest<TPage>,
    next: (page: ConnectorResponse<TPage>) => ConnectorRequest<TPage> | undefined,
    items: (page: ConnectorResponse<TPage>) => readonly TItem[],
  ): PagedList<TItem, ConnectorResponse<TPage>> {
    const following: NextPage<ConnectorResponse<TPage>> = (page) => {
      const req = next(page);
      return req && (() => this.send(req));
    };
    return new PagedList(() => this.send(first), following, items);
  }

  /**
   * A paged list whose pages are `shape`d from each answer (the body by default); `next` reads
   * the page for the request of the following one.
   */
  protected pagedBodies<TItem, TPage, TRaw = TPage>(
    first: ConnectorRequest<TRaw>,
    next: (page: TPage) => ConnectorRequest<TRaw> | undefined,
    items: (page: TPage) => readonly TItem[],
    shape: (res: ConnectorResponse<TRaw>) => TPage = (res) => res.data as unknown as TPage,
  ): PagedList<TItem, TPage> {
    const fetch = async (req: ConnectorRequest<TRaw>): Promise<TPage> => shape(await this.send(req));
    return new PagedList(
      () => fetch(first),
      (page) => {
        const req = next(page);
        return req && (() => fetch(req));
      },
      items,
    );
  }
}
