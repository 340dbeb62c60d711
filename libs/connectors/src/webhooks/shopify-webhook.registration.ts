import type { ShopifyConnector } from '../connectors/shopify.connector.js';
import { ConnectorHttpError } from '../errors/connector-http.error.js';
import type { WebhookRegistration } from '../interfaces/webhook-subscription.interface.js';
import type { RegistrationContext } from './registration-context.js';

/** One Shopify webhook per topic for the URL. Shopify signs with the app's API secret, so no secret is returned. */
export async function ensureShopifyWebhooks(shopify: ShopifyConnector, ctx: RegistrationContext): Promise<WebhookRegistration> {
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
