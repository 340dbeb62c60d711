import { isRecord, type RequestContext } from '../../http/request-context.js';
import type { Reply } from '../../http/route.js';
import { notFound, shopifyError } from './shopify.errors.js';
import { shopTime } from './shopify.objects.js';
import type { ShopifyState } from './shopify.state.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Shopify's limit per tag. */
const TAG_MAX = 40;

/**
 * PUT orders/:id.json with `{ order: { tags?, note?, email? } }`: `tags` is one comma-separated string that
 * replaces the order's tags (trimmed, duplicates dropped); other fields of the body are ignored.
 */
export function updateOrder(state: ShopifyState, ctx: RequestContext): Reply {
  const order = state.orders.get(Number(ctx.params.id));
  if (!order) return notFound();
  const parsed = ctx.json();
  const input = parsed.ok && isRecord(parsed.value) ? parsed.value.order : undefined;
  if (!isRecord(input)) return shopifyError(400, { order: 'Required parameter missing or invalid' });
  const errors: Record<string, string[]> = {};
  const { tags, note, email } = input;
  let tagList: string[] | undefined;
  if (tags !== undefined && tags !== null) {
    const raw = typeof tags === 'string' ? tags.split(',') : Array.isArray(tags) ? tags.map(String) : undefined;
    if (!raw) errors.tags = ['is invalid'];
    else {
      const unique = new Map<string, string>();
      for (const tag of raw.map((t) => t.trim())) if (tag !== '' && !unique.has(tag.toLowerCase())) unique.set(tag.toLowerCase(), tag);
      tagList = [...unique.values()];
      if (tagList.some((t) => t.length > TAG_MAX)) errors.tags = [`is too long (maximum is ${TAG_MAX} characters)`];
    }
  }
  if (note !== undefined && note !== null && typeof note !== 'string') errors.note = ['is invalid'];
  if (email !== undefined && (typeof email !== 'string' || !EMAIL.test(email))) errors.email = ['is invalid'];
  if (Object.keys(errors).length > 0) return shopifyError(422, errors);
  if (tags !== undefined) order.tags = (tagList ?? []).join(', ');
  if (note !== undefined) order.note = note as string | null;
  if (typeof email === 'string') {
    order.email = email;
    order.contact_email = email;
  }
  order.updated_at = shopTime();
  return { status: 200, body: { order } };
}
