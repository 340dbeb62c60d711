import type { StripeConnector } from '../connectors/stripe.connector.js';
import { messages } from '../connectors.messages.js';
import type { StripeWebhookEndpoint } from '../interfaces/stripe.interface.js';
import type { WebhookRegistration } from '../interfaces/webhook-subscription.interface.js';
import { missingTopics, union, type RegistrationContext } from './registration-context.js';

/** One Stripe endpoint for the URL, enabled for every topic; its `whsec_` secret is kept from creation. */
export async function ensureStripeEndpoint(stripe: StripeConnector, ctx: RegistrationContext): Promise<WebhookRegistration> {
  const { url, topics, secrets } = ctx;
  const result = (endpoint: StripeWebhookEndpoint, changed: boolean, secret: string | undefined): WebhookRegistration => ({
    connector: stripe.name, provider: 'stripe', url, topics: endpoint.enabled_events, ids: [endpoint.id], changed, ...(secret && { secret }),
  });
  const create = async (): Promise<WebhookRegistration> => {
    const created = await stripe.createWebhookEndpoint({ url, enabled_events: topics, description: 'Registered by @aiwire/connectors' });
    if (created.secret) await secrets.save(stripe.name, created.id, created.secret);
    return result(created, true, created.secret);
  };

  const existing = (await stripe.listWebhookEndpoints().toArray(1_000)).find((e) => e.url === url);
  if (!existing) return create();
  let endpoint = existing;
  let changed = false;
  const missing = missingTopics(existing.enabled_events, topics);
  if (missing.length > 0 || existing.status === 'disabled') {
    endpoint = await stripe.updateWebhookEndpoint(existing.id, { enabled_events: union(existing.enabled_events, topics), disabled: false });
    changed = true;
  }
  const secret = await secrets.read(stripe.name, existing.id);
  if (secret !== undefined) return result(endpoint, changed, secret);
  if (ctx.subscription.recreateIfSecretUnknown) {
    await stripe.deleteWebhookEndpoint(existing.id);
    return create();
  }
  ctx.logger.warn(messages.stripeSecretUnknown(stripe.name, existing.id));
  return result(endpoint, changed, undefined);
}
