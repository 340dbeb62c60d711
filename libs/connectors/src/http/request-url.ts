import { messages } from '../connectors.messages.js';
import { ConnectorRequestError } from '../errors/connector-request.error.js';
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

/** How many rounds of percent-decoding a value is checked through (servers and proxies decode once, some twice). */
const DECODE_ROUNDS = 3;

/**
 * True when `value` is, or decodes to, a `.` or `..` path segment — itself or one of its parts
 * split at `/` or `\\` (a server that decodes `%2F` sees those as separators). WHATWG URLs resolve
 * `..`, `.%2e` and `%2e%2e` before sending, and servers decode the rest, so such a value reaches
 * another endpoint than the template names.
 */
export function isDotSegment(value: string): boolean {
  let text = value;
  for (let round = 0; round <= DECODE_ROUNDS; round++) {
    if (text.split(/[/\\]/).some((part) => part === '.' || part === '..')) return true;
    let decoded: string;
    try {
      decoded = decodeURIComponent(text);
    } catch {
      return false; // a malformed escape ("%zz") is sent encoded as it is and decodes no further
    }
    if (decoded === text) return false;
    text = decoded;
  }
  return false;
}

/**
 * Joins `baseUrl` and a path template, filling `{name}` placeholders with URL-encoded values. Throws
 * `ConnectorRequestError` — before anything is sent — for a path that could leave the host or the
 * template's endpoint.
 */
export function resolvePath(connector: string, base: URL, path: string, params: Readonly<Record<string, string | number>> = {}): ResolvedPath {
  if (!path.startsWith('/') || path.startsWith('//')) {
    // A path like "//evil.example" or "https://…" must never move the call to another host.
    throw new ConnectorRequestError(connector, messages.pathNotRooted(connector, path));
  }
  const basePath = base.pathname.replace(/\/+$/, '');
  const filled = path.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new ConnectorRequestError(connector, messages.paramMissing(connector, path, name));
    const text = String(value);
    if (isDotSegment(text)) throw new ConnectorRequestError(connector, messages.dotSegment(connector, path, `{${name}} = ${JSON.stringify(text.slice(0, 40))}`));
    return encodeURIComponent(text);
  });
  // The template's own segments too, and what values glued to them make ("/x/.{ext}" with ext ".").
  if (filled.split(/[?#]/, 1)[0]?.split('/').some(isDotSegment)) throw new ConnectorRequestError(connector, messages.dotSegment(connector, path, 'a segment'));
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
