import type { ConnectorOptions } from './interfaces/connector-options.interface.js';
import { kindOf } from './kinds/kinds.js';

/** A connector's base URL after its kind's conventions. */
export interface ResolvedBaseUrl {
  /** Origin plus whatever prefix sits in front of the provider's own paths (a proxy's, GHES' `/api/v3`). */
  readonly url: URL;
  /** The Admin API version a Shopify `baseUrl` carried (`…/admin/api/2025-01`). */
  readonly apiVersion?: string;
}

/**
 * `url` as the connector's base: typed connectors call the provider's full paths
 * (`/api/chat.postMessage`, `/v1/customers`), so the kind's own base path is taken off (it is part
 * of every request path), or a refusal `{ why, write }` that the caller turns into a
 * ConnectorConfigurationError. Each kind's rule is its descriptor's `baseUrlRule`.
 */
export function applyBaseUrlRules(url: URL, options: ConnectorOptions): ResolvedBaseUrl | { readonly why: string; readonly write: string } {
  const kind = kindOf(options.kind);
  if (!kind) return { why: `belongs to kind "${String(options.kind)}", which does not exist`, write: 'a connector of an existing kind' };
  const outcome = kind.baseUrlRule(url.pathname.replace(/\/+$/, ''), url, options);
  if ('why' in outcome) return outcome;
  const base = new URL(url.href);
  base.pathname = outcome.prefix === '' ? '/' : outcome.prefix;
  return { url: base, ...(outcome.apiVersion !== undefined && { apiVersion: outcome.apiVersion }) };
}
