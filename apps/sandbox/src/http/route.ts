import type { RequestContext } from './request-context.js';

/** The stand-ins, one per external service. */
export type ServiceName = 'slack' | 'stripe' | 'shopify' | 'hubspot' | 'oauth' | 'github' | 'helpdesk' | 'openai' | 'anthropic';

/** What a handler answers; `body` is sent as JSON unless it is a string or `undefined`. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export interface Route {
  readonly method: string;
  /** Provider path with `:name` parameters, e.g. `/admin/api/:version/customers/:id.json`. */
  readonly pattern: string;
  readonly handler: Handler;
}

export interface CompiledRoute extends Route {
  /** `GET /v1/customers/:id`: the key request counters use. */
  readonly key: string;
  readonly regex: RegExp;
  readonly names: readonly string[];
}

/** One stand-in: its routes plus the cross-cutting behaviour its real counterpart has. */
export interface SandboxService {
  readonly name: ServiceName;
  /** Path prefixes owned by this service (the real providers' paths do not overlap). */
  readonly prefixes: readonly string[];
  readonly routes: readonly Route[];
  /** Auth and rate limits, before the route runs; a reply stops the request there. */
  before?(ctx: RequestContext, route: CompiledRoute | undefined): Reply | undefined;
  /** Headers every answer of the service carries (request ids, rate-limit state); set only when absent. */
  decorate?(ctx: RequestContext, reply: Reply): void;
  /** The service's own answer to a path or method it does not know. */
  notFound(ctx: RequestContext): Reply;
  /** The service's own body and headers for a failure with this status (used by fault injection). */
  failure(status: number, ctx: RequestContext): Reply;
}

export function compileRoute(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.pattern
    .split(/(:[a-z_]+)/i)
    .map((part) => {
      if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(part.slice(1));
      return '([^/]+?)';
    })
    .join('');
  return { ...route, key: `${route.method} ${route.pattern}`, regex: new RegExp(`^${source}$`), names };
}

/** Parameters of `pathname` under `route`, or `undefined` when it does not match. */
export function matchRoute(route: CompiledRoute, pathname: string): Record<string, string> | undefined {
  const match = route.regex.exec(pathname);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  route.names.forEach((name, i) => {
    params[name] = decodeURIComponent(match[i + 1] ?? '');
  });
  return params;
}
