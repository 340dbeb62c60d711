import type { RequestContext } from '../../http/request-context.js';

/** What a `page_info` cursor remembers: the first request's filters and where the page ends. */
interface Cursor {
  readonly filters: Record<string, string>;
  readonly afterId?: number;
  readonly beforeId?: number;
}

export type PageResult<T> = { page: T[]; link?: string } | { error: string };

/**
 * Shopify's cursor pagination: the first request carries the filters; later ones carry only
 * `page_info` (plus `limit` and `fields`), and the `Link` header holds the next/previous URLs.
 * `items` must already be in the endpoint's order.
 */
export function paginate<T extends { id: number }>(
  ctx: RequestContext,
  filtersOf: (filters: Record<string, string>) => T[],
  linkBase: string,
): PageResult<T> {
  const limit = Math.min(250, Math.max(1, Number(ctx.query.get('limit') ?? 50) || 50));
  const pageInfo = ctx.query.get('page_info');
  let cursor: Cursor;
  if (pageInfo) {
    const decoded = decodeCursor(pageInfo);
    if (!decoded) return { error: 'Invalid value.' };
    cursor = decoded;
  } else {
    const filters: Record<string, string> = {};
    for (const [k, v] of ctx.query) if (k !== 'limit' && k !== 'fields') filters[k] = v;
    cursor = { filters };
  }
  const items = filtersOf(cursor.filters);
  let start = 0;
  if (cursor.afterId !== undefined) start = items.findIndex((i) => i.id === cursor.afterId) + 1;
  if (cursor.beforeId !== undefined) start = Math.max(0, items.findIndex((i) => i.id === cursor.beforeId) - limit);
  const page = items.slice(start, start + limit);

  const links: string[] = [];
  const fields = ctx.query.get('fields');
  const url = (c: Cursor) => `<${linkBase}?limit=${limit}${fields ? `&fields=${encodeURIComponent(fields)}` : ''}&page_info=${encodeCursor(c)}>`;
  const first = page[0];
  const last = page[page.length - 1];
  if (start > 0 && first) links.push(`${url({ filters: cursor.filters, beforeId: first.id })}; rel="previous"`);
  if (start + limit < items.length && last) links.push(`${url({ filters: cursor.filters, afterId: last.id })}; rel="next"`);
  return { page, ...(links.length > 0 && { link: links.join(', ') }) };
}

/** `fields=id,name` keeps only those top-level fields. */
export function selectFields<T extends object>(items: T[], fields: string | null): Partial<T>[] {
  if (!fields) return items;
  const keep = new Set(fields.split(',').map((f) => f.trim()));
  return items.map((item) => Object.fromEntries(Object.entries(item).filter(([k]) => keep.has(k))) as Partial<T>);
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string): Cursor | undefined {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    return typeof value === 'object' && value !== null && typeof value.filters === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}
