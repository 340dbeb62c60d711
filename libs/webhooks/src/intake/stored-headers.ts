import type { IncomingHttpHeaders } from 'node:http';
import { WebhookConfigurationError } from '../errors/webhook-configuration.error.js';
import { messages } from '../webhook.messages.js';
import type { WebhookScheme } from '../interfaces/webhook-scheme.interface.js';
import type { WebhookSourceOptions } from '../interfaces/webhook-source-options.interface.js';

/**
 * Headers stored with every event: the content type, the sender's name and the providers' own
 * event, id, topic, delivery and timestamp headers. An allowlist, because a denylist cannot know
 * every credential a sender or a proxy adds (`x-auth-token`, `x-gitlab-token`, ...). No signature.
 */
export const DEFAULT_STORED_HEADERS: readonly string[] = [
  'content-type', 'user-agent',
  // GitHub
  'x-github-event', 'x-github-delivery', 'x-github-hook-id', 'x-github-hook-installation-target-id', 'x-github-hook-installation-target-type',
  // Shopify (webhooks, and the unprefixed headers of its newer event deliveries)
  'x-shopify-topic', 'x-shopify-webhook-id', 'x-shopify-event-id', 'x-shopify-shop-domain', 'x-shopify-api-version', 'x-shopify-triggered-at', 'x-shopify-sub-topic',
  'shopify-topic', 'shopify-webhook-id', 'shopify-event-id', 'shopify-shop-domain', 'shopify-api-version', 'shopify-triggered-at', 'shopify-sub-topic',
  // Slack
  'x-slack-request-timestamp', 'x-slack-retry-num', 'x-slack-retry-reason',
  // Standard Webhooks and Svix
  'webhook-id', 'webhook-timestamp', 'svix-id', 'svix-timestamp',
  // GitLab (its token header, `x-gitlab-token`, is a secret and stays out)
  'x-gitlab-event', 'x-gitlab-event-uuid', 'x-gitlab-webhook-uuid', 'x-gitlab-instance',
];

/** Never stored, even when asked for: they carry credentials. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;

/**
 * The headers a source stores: the defaults, the `hmac-sha256` id and type headers, and the
 * source's `storeHeaders`. Asking for a signature or credential header is refused at startup.
 */
export function resolveStoredHeaders(source: string, scheme: WebhookScheme, options: WebhookSourceOptions): ReadonlySet<string> {
  const signatures = new Set(scheme.signatureHeaders.map((h) => h.toLowerCase()));
  const asked = (options.storeHeaders ?? []).map((name) => {
    const lower = typeof name === 'string' ? name.trim().toLowerCase() : '';
    if (!HEADER_NAME.test(lower)) throw new WebhookConfigurationError(messages.badStoredHeader(source, String(name)));
    if (CREDENTIAL_HEADERS.has(lower) || signatures.has(lower)) throw new WebhookConfigurationError(messages.secretStoredHeader(source, lower));
    return lower;
  });
  const fromScheme = [options.idHeader, options.typeHeader].filter((h): h is string => typeof h === 'string').map((h) => h.toLowerCase());
  return new Set([...DEFAULT_STORED_HEADERS, ...fromScheme, ...asked].filter((h) => !signatures.has(h) && !CREDENTIAL_HEADERS.has(h)));
}

/**
 * The allowlisted headers of a delivery, repeated ones joined as Node joins them. Walks the
 * request's headers (about ten) rather than the allowlist (over thirty): 0.7 µs instead of 3–4.
 */
export function storedHeaders(headers: IncomingHttpHeaders, allowed: ReadonlySet<string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name in headers) {
    if (!allowed.has(name)) continue;
    const value = headers[name];
    if (value !== undefined) kept[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return kept;
}
