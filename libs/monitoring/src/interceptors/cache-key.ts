import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** What the key is built from, on Express and Fastify alike. */
export interface CacheableRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly params?: unknown;
  readonly query?: unknown;
  readonly user?: unknown;
  /** Express: the matched route. */
  readonly route?: { path?: unknown };
  readonly baseUrl?: string;
  /** Fastify: the matched route. */
  readonly routeOptions?: { url?: unknown };
}

/**
 * The route as declared (`/items/:id`), never the raw path, so the key's readable part has bounded
 * cardinality; the raw path (without the query) only when the platform does not say.
 */
export function routeTemplate(request: CacheableRequest): string {
  const express = request.route?.path;
  if (typeof express === 'string') return `${request.baseUrl ?? ''}${express}`;
  const fastify = request.routeOptions?.url;
  if (typeof fastify === 'string') return fastify;
  const query = request.url.indexOf('?');
  return query < 0 ? request.url : request.url.slice(0, query);
}

/**
 * Who the response is for: `id:`/`sub:` of `req.user`, else a hash of the whole of it; `null` for an
 * anonymous request; `undefined` (do not cache) for a request that carries credentials
 * (`Authorization`, a cookie) that nothing turned into `req.user`, or a user that cannot be hashed.
 */
export function userIdentity(request: CacheableRequest): string | null | undefined {
  const { user, headers } = request;
  if (user === undefined || user === null || user === false) return headers.authorization || headers.cookie ? undefined : null;
  if (typeof user !== 'object') return typeof user === 'string' || typeof user === 'number' ? `v:${user}` : undefined;
  for (const field of ['id', 'sub'] as const) {
    const value = (user as Record<string, unknown>)[field];
    if ((typeof value === 'string' && value !== '') || typeof value === 'number' || typeof value === 'bigint') return `${field}:${value}`;
  }
  const canonical = canonicalJson(user);
  return canonical === undefined ? undefined : `h:${sha256(canonical)}`;
}

/** The readable route (or `@CacheKey`) then a digest of everything else that selects the response. */
export function cacheId(label: string, parts: readonly unknown[]): string | undefined {
  const canonical = canonicalJson(parts);
  return canonical === undefined ? undefined : `${label}:${sha256(canonical)}`;
}

/** JSON with every object's keys sorted, so `?a=1&b=2` and `?b=2&a=1` agree; undefined if it cannot be written. */
export function canonicalJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (isRecord(v) ? sortKeys(v) : v));
  } catch {
    return undefined; // a cycle or a BigInt
  }
}

function sortKeys(object: Record<string, unknown>): Record<string, unknown> {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(object).sort()) sorted[key] = object[key];
  return sorted;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
