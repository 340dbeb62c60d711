import type { WebhookRegistrar } from '@aiwire/connectors';
import type { WebhookModuleOptions } from '@aiwire/webhooks';
import type { ShopConfig } from './shop.config.js';

/**
 * The intake's sources. Shopify and Stripe subscriptions are ensured first (idempotent); Stripe
 * answers with the endpoint's signing secret, which the registrar keeps (encrypted) in Redis.
 */
export async function webhookOptions(config: ShopConfig, registrar: WebhookRegistrar): Promise<WebhookModuleOptions> {
  const registrations = await registrar.ensureAll();
  const stripeSecret = registrations.find((r) => r.provider === 'stripe')?.secret;
  return {
    redis: { url: config.redisUrl },
    keyPrefix: `${config.keyPrefix}:webhooks`,
    queue: { prefix: config.keyPrefix },
    workers: config.workers,
    sources: {
      shopify: { scheme: 'shopify', secrets: [required('SHOPIFY_API_SECRET')] },
      stripe: { scheme: 'stripe', secrets: stripeSecret ? [stripeSecret] : [] },
      helpdesk: { scheme: 'hmac-sha256', header: 'x-signature', secrets: [required('HELPDESK_WEBHOOK_SECRET')] },
      storefront: { scheme: 'standard', secrets: [required('STOREFRONT_WEBHOOK_SECRET')], rateLimit: { limit: 200, windowSeconds: 1 } },
    },
  };
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name}: the webhook source that uses it cannot verify deliveries without it.`);
  return value;
}
