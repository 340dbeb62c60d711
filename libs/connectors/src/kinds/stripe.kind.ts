import { StripeConnector } from '../connectors/stripe.connector.js';
import { messages } from '../connectors.messages.js';
import { failedBody, genericDialect, isRecord, providerError, str } from '../dialects/generic.dialect.js';
import type { ProviderDialect } from '../dialects/provider-dialect.interface.js';
import type { StripeWebhookEndpoint } from '../interfaces/stripe.interface.js';
import type { WebhookRegistration } from '../interfaces/webhook-subscription.interface.js';
import { missingTopics, union, type RegistrationContext } from '../webhooks/registration-context.js';
import type { ConnectorKindDescriptor } from './connector-kind.interface.js';

/** Stripe: `{ error: { type, code?, message } }`; `Stripe-Should-Retry` overrides the generic rule; 409 lock timeouts are retried (as stripe-node does). */
export const stripeDialect: ProviderDialect = {
  ...genericDialect,
  service: 'stripe',
  error(res) {
    const body = failedBody(res);
    if (!body) return undefined;
    const error = isRecord(body.error) ? body.error : {};
    return providerError(str(error.code) ?? str(error.type), str(error.message));
  },
  shouldRetry(res) {
    const advice = res.headers['stripe-should-retry'];
    if (advice === 'true') return true;
    if (advice === 'false') return false;
    return res.status === 409 ? true : undefined;
  },
  rateLimitState: () => undefined,
  requestId: (res) => res.headers['request-id'],
};

/** One Stripe endpoint for the URL, enabled for every topic; its `whsec_` secret is kept from creation. */
async function ensureStripeEndpoint(stripe: StripeConnector, ctx: RegistrationContext): Promise<WebhookRegistration> {
  const { url, topics, secrets } = ctx;
  const result = (endpoint: StripeWebhookEndpoint, changed: boolean, secret: string | undefined): WebhookRegistration => ({
    connector: stripe.name, provider: 'stripe', url, topics: endpoint.enabled_events, ids: [endpoint.id], changed, ...(secret && { secret }),
  });
  const create = async (): Promise<WebhookRegistration> => {
    const created = await stripe.createWebhookEndpoint({ url, enabled_events: topics, description: 'Registered by @aiwire/connectors' });
    ctx.redact(created.secret);
    if (created.secret) await secrets.save(stripe.name, created.id, created.secret);
    return result(created, true, created.secret);
  };

  const existing = (await stripe.listWebhookEndpoints().toArray(1_000)).find((e) => e.url === url);
  if (!existing) return create();
  let endpoint = existing;
  let changed = false;
  if (missingTopics(existing.enabled_events, topics).length > 0 || existing.status === 'disabled') {
    endpoint = await stripe.updateWebhookEndpoint(existing.id, { enabled_events: union(existing.enabled_events, topics), disabled: false });
    changed = true;
  }
  const secret = await secrets.read(stripe.name, existing.id);
  ctx.redact(secret);
  if (secret !== undefined) return result(endpoint, changed, secret);
  if (ctx.subscription.recreateIfSecretUnknown) {
    await stripe.deleteWebhookEndpoint(existing.id);
    return create();
  }
  ctx.logger.warn(messages.stripeSecretUnknown(stripe.name, existing.id));
  return result(endpoint, changed, undefined);
}

/** The Stripe API at api.stripe.com: form bodies, `Idempotency-Key` on POSTs, webhook endpoints. */
export const stripeKind: ConnectorKindDescriptor<'stripe', StripeConnector> = {
  kind: 'stripe',
  defaultBaseUrl: () => 'https://api.stripe.com',
  // stripe-node and Stripe's docs: "https://api.stripe.com/v1/…".
  baseUrlRule(path, url) {
    const version = /\/(v\d+)$/.exec(path)?.[1];
    if (version && version !== 'v1') return { why: `ends with API version ${version}, but StripeConnector calls the /v1 API`, write: `"${url.origin}/v1" or "${url.origin}"` };
    return { prefix: path.replace(/\/v1$/, '') };
  },
  // Live mode: 100 read/write operations per second.
  rateLimit: { capacity: 100, refillPerSecond: 100 },
  idempotency: { header: 'Idempotency-Key', methods: ['POST'] },
  headers: (options): Record<string, string> => (options.apiVersion ? { 'stripe-version': options.apiVersion } : {}),
  dialect: stripeDialect,
  create: (name, http) => new StripeConnector(name, http),
  webhooks: { ensure: ensureStripeEndpoint },
};
