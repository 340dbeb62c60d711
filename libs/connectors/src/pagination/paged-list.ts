/** Where the next page is: the request for it, or `undefined` on the last page. */
export type NextPage<TPage> = (page: TPage) => (() => Promise<TPage>) | undefined;

/**
 * A list call: `await` it for the first page, `for await` it for every item across all pages
 * (fetched one page at a time, as needed), or walk `pages()`. Nothing is sent until one is used.
 * @publicApi
 */
export class PagedList<TItem, TPage> implements PromiseLike<TPage>, AsyncIterable<TItem> {
  private first: Promise<TPage> | undefined;

  constructor(
    private readonly fetchFirst: () => Promise<TPage>,
    private readonly next: NextPage<TPage>,
    private readonly itemsOf: (page: TPage) => readonly TItem[],
  ) {}

  /** The first page. */
  // Being awaitable is the point (as stripe-node's lists are): `await list()` is the first page, `for await` all items.
  // oxlint-disable-next-line unicorn/no-thenable
  then<R1 = TPage, R2 = never>(onFulfilled?: ((page: TPage) => R1 | PromiseLike<R1>) | null, onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null): Promise<R1 | R2> {
    this.first ??= this.fetchFirst();
    return this.first.then(onFulfilled, onRejected);
  }

  /** Every page, in order. */
  async *pages(): AsyncGenerator<TPage, void, undefined> {
    let page: TPage = await (this.first ??= this.fetchFirst());
    for (;;) {
      yield page;
      const fetchNext = this.next(page);
      if (!fetchNext) return;
      page = await fetchNext();
    }
  }

  /** Every item of every page, in order. */
  async *[Symbol.asyncIterator](): AsyncGenerator<TItem, void, undefined> {
    for await (const page of this.pages()) yield* this.itemsOf(page);
  }

  /**
   * All items in one array, reading at most `limit` of them.
   * @param limit stops after this many items (default 10 000), a guard against unbounded lists
   */
  async toArray(limit = 10_000): Promise<TItem[]> {
    const items: TItem[] = [];
    for await (const item of this) {
      if (items.length >= limit) break;
      items.push(item);
    }
    return items;
  }
}
