import type { QueryValue } from '../interfaces/request-options.interface.js';

/** Query parameters whose values never appear in events or errors (plus the apiKey strategy's own). */
const SENSITIVE_QUERY = new Set(['access_token', 'api_key', 'apikey', 'key', 'token', 'client_secret', 'signature', 'sig', 'password', 'secret']);

/** A request URL without its query, and its low-cardinality template (OpenTelemetry `url.template`). */
export interface ResolvedPath {
  /** `https://host/api/orders/42`. */
  readonly url: string;
  /** `/api/orders/{id}`. */
  readonly template: string;
}

/** Joins `baseUrl` and a path template, filling `{name}` placeholders with URL-encoded values. */
export function resolvePath(base: URL, path: string, params: Readonly<Record<string, string | number>> = {}): ResolvedPath {
  if (!path.startsWith('/') || path.startsWith('//')) {
    // A path like "//evil.example" or "https://…" must never move the call to another host.
    throw new TypeError(`Request path must start with a single "/", got "${path.slice(0, 80)}"`);
  }
  const basePath = base.pathname.replace(/\/+$/, '');
  const filled = path.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`Request path "${path}" needs a value for {${name}} in params`);
    return encodeURIComponent(String(value));
  });
  return { url: `${base.origin}${basePath}${filled}`, template: `${basePath}${path}` };
}

/** Query parameters as URLSearchParams; arrays repeat the name, null/undefined are left out. */
export function toSearchParams(query: Readonly<Record<string, QueryValue>> | URLSearchParams | undefined): URLSearchParams {
  if (query instanceof URLSearchParams) return new URLSearchParams(query);
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value as readonly unknown[]) params.append(name, String(item));
    else params.append(name, String(value));
  }
  return params;
}

/** The URL as it may appear in events: sensitive query values replaced by `REDACTED` (OpenTelemetry's convention). */
export function redactedUrl(url: string, query: URLSearchParams, alsoSensitive: ReadonlySet<string>): string {
  if ([...query.keys()].length === 0) return url;
  const safe = new URLSearchParams();
  for (const [name, value] of query) {
    const lower = name.toLowerCase();
    safe.append(name, SENSITIVE_QUERY.has(lower) || alsoSensitive.has(lower) ? 'REDACTED' : value);
  }
  return `${url}?${safe.toString()}`;
}
