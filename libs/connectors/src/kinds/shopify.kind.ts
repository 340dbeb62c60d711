import { retryAfterMs } from '@aiwire/core';
import { ShopifyConnector } from '../connectors/shopify.connector.js';
import { describeErrors, genericDialect, isRecord } from '../dialects/generic.dialect.js';
import type { ParsedResponse, ProviderDialect, RateLimitState } from '../dialects/provider-dialect.interface.js';
import { ConnectorHttpError } from '../errors/connector-http.error.js';
import type { WebhookRegistration } from '../interfaces/webhook-subscription.interface.js';
import type { RegistrationContext } from '../webhooks/registration-context.js';
import type { ConnectorKindDescriptor } from './connector-kind.interface.js';

/** The Admin API version in the paths when neither `apiVersion` nor `baseUrl` names one. */
export const SHOPIFY_API_VERSION = '2025-01';

/** Shopify's quarterly Admin API versions, and `unstable`. */
const SHOPIFY_VERSION = /^(\d{4}-(01|04|07|10)|unstable)$/;

/** `X-Shopify-Shop-Api-Call-Limit: used/size`; the bucket leaks size/20 per second (40 → 2/s, Plus 80 → 4/s). */
function callLimit(res: ParsedResponse): { used: number; size: number } | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(res.headers['x-shopify-shop-api-call-limit'] ?? '');
  if (!match) return undefined;
  const used = Number(match[1]);
  const size = Number(match[2]);
  return size > 0 ? { used, size } : undefined;
}

function bucketState(res: ParsedResponse, nowMs: number): RateLimitState | undefined {
  const limit = callLimit(res);
  if (!limit) return undefined;
  const leakPerSecond = limit.size / 20;
  return { remaining: limit.size - limit.used, resetAtMs: nowMs + (limit.used / leakPerSecond) * 1000 };
}

/** Shopify Admin REST: `{ errors }` without codes; a leaky bucket reported on every answer. */
export const shopifyDialect: ProviderDialect = {
  ...genericDialect,
  service: 'shopify',
  error(res) {
    if (res.status < 400) return undefined;
    const message = isRecord(res.body) ? describeErrors(res.body.errors) : typeof res.body === 'string' ? res.body : undefined;
    return message ? { message } : {};
  },
  retryAfterMs(res, nowMs) {
    const asked = retryAfterMs(res.headers, nowMs);
    if (asked !== undefined) return asked;
    // A full bucket without Retry-After: wait until one request has leaked out.
    const limit = callLimit(res);
    return res.status === 429 && limit ? Math.ceil(1000 / (limit.size / 20)) : undefined;
  },
  rateLimitState: bucketState,
  requestId: (res) => res.headers['x-request-id'],
};

/** One Shopify webhook per topic for the URL. Shopify signs with the app's API secret, so no secret is returned. */
async function ensureShopifyWebhooks(shopify: ShopifyConnector, ctx: RegistrationContext): Promise<WebhookRegistration> {
  const { url, topics } = ctx;
  let existing = await shopify.listWebhooks({ address: url });
  const ids: string[] = [];
  let changed = false;
  for (const topic of topics) {
    let found = existing.find((w) => w.topic === topic && w.address === url);
    if (!found) {
      try {
        found = await shopify.createWebhook({ topic, address: url, format: 'json' });
        changed = true;
      } catch (error) {
        // Another process created it between our list and our create: Shopify answers 422 "already been taken".
        if (!(error instanceof ConnectorHttpError && error.status === 422 && /already been taken/.test(error.providerMessage ?? ''))) throw error;
        existing = await shopify.listWebhooks({ address: url });
        found = existing.find((w) => w.topic === topic);
      }
    }
    if (found) ids.push(String(found.id));
  }
  return { connector: shopify.name, provider: 'shopify', url, topics, ids, changed };
}

/** The Shopify Admin REST API of one shop (`https://{shop}`), versioned paths, webhooks per topic. */
export const shopifyKind: ConnectorKindDescriptor<'shopify', ShopifyConnector> = {
  kind: 'shopify',
  defaultBaseUrl: (options) => `https://${options.shop}`,
  validate(options) {
    if (!/^[a-z0-9][a-z0-9.-]*$/i.test(options.shop ?? '')) return { option: 'shop', why: "the shop's domain, e.g. 'demo.myshopify.com'", missing: true };
    if (options.apiVersion !== undefined && !SHOPIFY_VERSION.test(options.apiVersion)) {
      return { option: 'apiVersion', why: `must be a Shopify Admin API version such as '2025-01' (YYYY-01, -04, -07, -10) or 'unstable', got "${options.apiVersion}"` };
    }
    return undefined;
  },
  // Shopify's docs: "https://{shop}.myshopify.com/admin/api/{version}/…".
  baseUrlRule(path, url, options) {
    if (/\/admin\/api\/[^/]+\/./.test(path)) return { why: 'names a resource', write: `"${url.origin}/admin/api/{version}", "${url.origin}/admin" or "${url.origin}"` };
    const match = /\/admin(?:\/api(?:\/([^/]+))?)?$/.exec(path);
    if (!match) return { prefix: path };
    const version = match[1];
    if (version !== undefined && !SHOPIFY_VERSION.test(version)) {
      return { why: `has "${version}" where the Admin API version goes`, write: `a version such as "${url.origin}/admin/api/2025-01", or "${url.origin}/admin"` };
    }
    if (version !== undefined && options.apiVersion !== undefined && options.apiVersion !== version) {
      return { why: `names API version ${version} but apiVersion is "${options.apiVersion}"`, write: `"${url.origin}/admin" and keep apiVersion, or drop apiVersion` };
    }
    return { prefix: path.slice(0, match.index), ...(version !== undefined && { apiVersion: version }) };
  },
  // Standard plans: a 40-request bucket leaking 2 per second.
  rateLimit: { capacity: 40, refillPerSecond: 2 },
  headers: () => ({}),
  dialect: shopifyDialect,
  // The validator refused an `apiVersion` that conflicts with the one in the baseUrl.
  create: (name, http, options, urlApiVersion) => new ShopifyConnector(name, http, options.apiVersion ?? urlApiVersion ?? SHOPIFY_API_VERSION),
  webhooks: { ensure: ensureShopifyWebhooks },
};
