import type { ConnectorOptions } from './interfaces/connector-options.interface.js';

/** Shopify's quarterly Admin API versions, and `unstable`. */
export const SHOPIFY_VERSION = /^(\d{4}-(01|04|07|10)|unstable)$/;

/** A connector's base URL after its kind's conventions. */
export interface ResolvedBaseUrl {
  /** Origin plus whatever prefix sits in front of the provider's own paths (a proxy's, GHES' `/api/v3`). */
  readonly url: URL;
  /** The Admin API version a Shopify `baseUrl` carried (`…/admin/api/2025-01`). */
  readonly apiVersion?: string;
}

/** What a rule makes of a base path (no trailing `/`): the prefix to keep, or why it is refused and what to write. */
type Outcome = { readonly prefix: string; readonly apiVersion?: string } | { readonly why: string; readonly write: string };

type Rule = (path: string, url: URL, options: ConnectorOptions) => Outcome;

/**
 * Typed connectors call the provider's full paths (`/api/chat.postMessage`, `/v1/customers`,
 * `/admin/api/2025-01/orders.json`, `/crm/v3/objects/contacts`), so a `baseUrl` that already ends
 * with the API's own base path — as the vendors' SDKs and docs write it — has that part taken off;
 * one that names an endpoint or another API version is refused, saying what to write.
 */
const RULES: Readonly<Record<ConnectorOptions['kind'], Rule>> = {
  // Any base path: the request paths are relative to it.
  rest: (path) => ({ prefix: path }),

  // @slack/web-api: "https://slack.com/api/".
  slack(path, url) {
    if (/\/api\/[A-Za-z]+(\.[A-Za-z]+)+$/.test(path)) return { why: 'names a Web API method', write: `the API root, "${url.origin}/api"` };
    return { prefix: path.replace(/\/api$/, '') };
  },

  // stripe-node and Stripe's docs: "https://api.stripe.com/v1/…".
  stripe(path, url) {
    const version = /\/(v\d+)$/.exec(path)?.[1];
    if (version && version !== 'v1') return { why: `ends with API version ${version}, but StripeConnector calls the /v1 API`, write: `"${url.origin}/v1" or "${url.origin}"` };
    return { prefix: path.replace(/\/v1$/, '') };
  },

  // Shopify's docs: "https://{shop}.myshopify.com/admin/api/{version}/…".
  shopify(path, url, options) {
    if (/\/admin\/api\/[^/]+\/./.test(path)) return { why: 'names a resource', write: `"${url.origin}/admin/api/{version}", "${url.origin}/admin" or "${url.origin}"` };
    const match = /\/admin(?:\/api(?:\/([^/]+))?)?$/.exec(path);
    if (!match) return { prefix: path };
    const version = match[1];
    if (version !== undefined && !SHOPIFY_VERSION.test(version)) {
      return { why: `has "${version}" where the Admin API version goes`, write: `a version such as "${url.origin}/admin/api/2025-01", or "${url.origin}/admin"` };
    }
    const configured = options.kind === 'shopify' ? options.apiVersion : undefined;
    if (version !== undefined && configured !== undefined && configured !== version) {
      return { why: `names API version ${version} but apiVersion is "${configured}"`, write: `"${url.origin}/admin" and keep apiVersion, or drop apiVersion` };
    }
    return { prefix: path.slice(0, match.index), ...(version !== undefined && { apiVersion: version }) };
  },

  // HubSpot's docs: "https://api.hubapi.com/crm/v3/objects/…".
  hubspot(path, url) {
    const write = `"${url.origin}" or "${url.origin}/crm/v3"`;
    if (path.endsWith('/crm/v3')) return { prefix: path.slice(0, -'/crm/v3'.length) };
    if (/\/crm\/v\d+(\/|$)/.test(path)) return { why: 'goes into the CRM API, but HubSpotConnector calls its /crm/v3/objects/… paths itself', write };
    // On HubSpot's own host any path is a mistake; elsewhere it is a proxy's prefix.
    if (url.hostname.endsWith('hubapi.com') && path !== '') return { why: 'has a path HubSpot does not serve the API under', write };
    return { prefix: path };
  },

  // Octokit: "https://api.github.com", GitHub Enterprise Server "https://{host}/api/v3".
  github(path, url) {
    if (url.hostname === 'github.com' || url.hostname === 'www.github.com') return { why: "is GitHub's website, not its API", write: '"https://api.github.com" (GitHub Enterprise Server: "https://HOST/api/v3")' };
    if (url.hostname === 'api.github.com' && path !== '') return { why: 'has a path, but api.github.com serves the REST API at its root', write: '"https://api.github.com"' };
    return { prefix: path };
  },
};

/**
 * `url` as the connector's base: its kind's own base path taken off (it is part of every request
 * path), or a refusal `{ why, write }` that the caller turns into a ConnectorConfigurationError.
 */
export function applyBaseUrlRules(url: URL, options: ConnectorOptions): ResolvedBaseUrl | { readonly why: string; readonly write: string } {
  const outcome = RULES[options.kind](url.pathname.replace(/\/+$/, ''), url, options);
  if ('why' in outcome) return outcome;
  const base = new URL(url.href);
  base.pathname = outcome.prefix === '' ? '/' : outcome.prefix;
  return { url: base, ...(outcome.apiVersion !== undefined && { apiVersion: outcome.apiVersion }) };
}
