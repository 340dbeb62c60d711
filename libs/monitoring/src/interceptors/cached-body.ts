import { StreamableFile } from '@nestjs/common';

/**
 * A cache entry is `{"body": ...}`, so that `null`, strings and numbers round-trip and an entry
 * someone else wrote under the key is told apart.
 */
export type CacheEntry = { readonly entry: string; readonly why?: undefined } | { readonly entry?: undefined; readonly why?: string };

class NotPlain extends Error {}

/**
 * The handler's value as a cache entry, or why it cannot be cached faithfully. Silently not: nothing
 * returned, bytes or a stream (sent as they are, not as JSON). With a reason: a class instance
 * anywhere in it (an outer `ClassSerializerInterceptor` transforms a live instance but not its
 * cached copy, so `@Exclude`d fields would reach clients and sit in Redis), a cycle or a BigInt,
 * or more than `maxBytes`.
 */
export function toCacheEntry(value: unknown, maxBytes: number): CacheEntry {
  if (value === undefined || value instanceof ArrayBuffer || ArrayBuffer.isView(value) || value instanceof StreamableFile || isStream(value)) return {};
  let entry: string;
  try {
    entry = JSON.stringify({ body: value }, plainOnly);
  } catch (error) {
    return { why: error instanceof NotPlain ? error.message : `it cannot be written as JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const bytes = Buffer.byteLength(entry);
  return bytes > maxBytes ? { why: `its JSON is ${bytes} bytes, above maxEntryBytes (${maxBytes})` } : { entry };
}

export const NO_ENTRY: unique symbol = Symbol('no cache entry');

/** The body of an entry `toCacheEntry` wrote, or `NO_ENTRY` when the text is something else. */
export function fromCacheEntry(entry: string): unknown {
  try {
    const parsed: unknown = JSON.parse(entry);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && 'body' in parsed) return parsed.body;
  } catch {
    // not ours
  }
  return NO_ENTRY;
}

// Called after `toJSON` (a Date arrives as its string). Objects without a constructor of their own
// are data: `{}`, `Object.create(null)`, and the prototype-less query objects of Fastify's parser.
function plainOnly(_key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const proto = Object.getPrototypeOf(value) as { constructor?: unknown } | null;
    if (proto !== null && proto !== Object.prototype && typeof proto.constructor === 'function') {
      throw new NotPlain(`it holds an instance of ${(proto.constructor as { name?: string }).name || 'a class'}; return plain objects, or list ClassSerializerInterceptor after CachingInterceptor so it runs first`);
    }
  }
  return value;
}

function isStream(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { pipe?: unknown }).pipe === 'function';
}
