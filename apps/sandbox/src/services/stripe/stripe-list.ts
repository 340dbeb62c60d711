import type { RequestContext } from '../../http/request-context.js';
import type { Reply } from '../../http/route.js';
import { invalidParam, parameterUnknown, resourceMissing } from './stripe.errors.js';

interface Listed {
  id: string;
  created: number;
}

const PAGING = new Set(['limit', 'starting_after', 'ending_before', 'expand[]']);
const RANGE = /^created\[(gt|gte|lt|lte)\]$/;

/**
 * Stripe's list object over `items` (newest first): `limit` (1–100, default 10), cursor
 * `starting_after` / `ending_before`, `has_more`; `created` (exact) and `created[gt|gte|lt|lte]`
 * (unix seconds) when `filters` has `created`; unknown query parameters are refused.
 */
export function listReply<T extends Listed>(ctx: RequestContext, url: string, kind: string, all: readonly T[], filters: readonly string[]): Reply {
  const bounds: ((created: number) => boolean)[] = [];
  for (const [name, value] of ctx.query) {
    const range = filters.includes('created') ? RANGE.exec(name) : null;
    if (range || (name === 'created' && filters.includes('created'))) {
      const at = Number(value);
      if (value === '' || !Number.isInteger(at)) return invalidParam(name, `Invalid integer: ${value}`, 'parameter_invalid_integer');
      bounds.push(compare(range?.[1] ?? 'eq', at));
    } else if (!PAGING.has(name) && !filters.includes(name) && !name.startsWith('expand[')) return parameterUnknown(name);
  }
  const items = all.filter((item) => bounds.every((within) => within(item.created)));
  const limitText = ctx.query.get('limit');
  const limit = limitText === null ? 10 : Number(limitText);
  if (!Number.isInteger(limit)) return invalidParam('limit', `Invalid integer: ${limitText}`, 'parameter_invalid_integer');
  if (limit < 1 || limit > 100) return invalidParam('limit', 'This value must be greater than or equal to 1 and less than or equal to 100.', 'parameter_invalid_integer');

  const sorted = items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => b.item.created - a.item.created || b.index - a.index)
    .map((e) => e.item);
  const after = ctx.query.get('starting_after');
  const before = ctx.query.get('ending_before');
  let page: T[];
  let hasMore: boolean;
  if (before) {
    const at = sorted.findIndex((i) => i.id === before);
    if (at < 0) return resourceMissing(kind, before, 'ending_before', 400);
    page = sorted.slice(Math.max(0, at - limit), at);
    hasMore = at - limit > 0;
  } else {
    const at = after ? sorted.findIndex((i) => i.id === after) : -1;
    if (after && at < 0) return resourceMissing(kind, after, 'starting_after', 400);
    page = sorted.slice(at + 1, at + 1 + limit);
    hasMore = at + 1 + limit < sorted.length;
  }
  return { status: 200, body: { object: 'list', data: page, has_more: hasMore, url } };
}

function compare(op: string, at: number): (created: number) => boolean {
  if (op === 'gt') return (c) => c > at;
  if (op === 'gte') return (c) => c >= at;
  if (op === 'lt') return (c) => c < at;
  if (op === 'lte') return (c) => c <= at;
  return (c) => c === at;
}
