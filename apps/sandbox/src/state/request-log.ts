import type { IncomingHttpHeaders } from 'node:http';
import type { ServiceName } from '../http/route.js';

/** One request a stand-in received. Credentials are redacted; bodies are not kept. */
export interface RecordedRequest {
  readonly service: ServiceName;
  readonly method: string;
  /** The matched route, `GET /v1/customers/:id`, or `GET (unmatched)`. */
  readonly route: string;
  /** Path and query as received. */
  readonly path: string;
  /** Lower-case request headers; `authorization` and other credentials read `[redacted]`. */
  readonly headers: Readonly<Record<string, string>>;
  readonly at: number;
  /** The status answered; `undefined` while in flight or when the request was hung. */
  status?: number;
  /** Set when fault injection answered (or hung, or dropped the connection) instead of the service. */
  faulted?: boolean;
}

const CREDENTIAL_HEADERS = new Set(['authorization', 'x-shopify-access-token', 'x-api-key', 'cookie', 'proxy-authorization']);

/** Every request, in order, with counters per route. */
export class RequestLog {
  readonly entries: RecordedRequest[] = [];

  record(service: ServiceName, method: string, route: string, path: string, headers: IncomingHttpHeaders): RecordedRequest {
    const entry: RecordedRequest = { service, method, route, path, headers: redact(headers), at: Date.now() };
    this.entries.push(entry);
    return entry;
  }

  /** Requests to a service, optionally to one route (`'POST /oauth/v1/token'`). */
  count(service: ServiceName, route?: string): number {
    return this.filter(service, route).length;
  }

  filter(service: ServiceName, route?: string): RecordedRequest[] {
    return this.entries.filter((e) => e.service === service && (route === undefined || e.route === route));
  }

  /** Counters keyed by route, for one service. */
  counts(service: ServiceName): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of this.filter(service)) out[e.route] = (out[e.route] ?? 0) + 1;
    return out;
  }

  clear(): void {
    this.entries.length = 0;
  }
}

function redact(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = CREDENTIAL_HEADERS.has(name) ? '[redacted]' : Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
