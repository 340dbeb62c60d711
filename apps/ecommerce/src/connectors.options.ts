import { env, type ConnectorsModuleOptions } from '@aiwire/connectors';
import type { ShopConfig } from './shop.config.js';

/** The shop's external systems. Credentials are `env()` references, resolved when first used. */
export function connectorsOptions(config: ShopConfig): ConnectorsModuleOptions {
  return {
    redis: { url: config.redisUrl },
    keyPrefix: `${config.keyPrefix}:connectors`,
    connectors: {
      slack: { kind: 'slack', auth: { type: 'bearer', token: env('SLACK_BOT_TOKEN') }, baseUrl: config.urls.slack },
      stripe: { kind: 'stripe', auth: { type: 'bearer', token: env('STRIPE_SECRET_KEY') }, baseUrl: config.urls.stripe },
      shopify: {
        kind: 'shopify', shop: config.shopDomain, baseUrl: config.urls.shopify, rateLimit: config.shopifyRateLimit,
        auth: { type: 'apiKey', header: 'X-Shopify-Access-Token', key: env('SHOPIFY_ADMIN_TOKEN') },
      },
      crm: {
        kind: 'hubspot', baseUrl: config.urls.hubspot,
        auth: { type: 'oauth2', tokenUrl: config.urls.hubspotToken, clientId: env('HUBSPOT_CLIENT_ID'), clientSecret: env('HUBSPOT_CLIENT_SECRET'), refreshToken: env('HUBSPOT_REFRESH_TOKEN') },
      },
      helpdesk: { kind: 'rest', baseUrl: config.urls.helpdesk, auth: { type: 'apiKey', header: 'X-Api-Key', key: env('HELPDESK_API_KEY') } },
    },
    webhooks: {
      publicUrl: config.publicWebhookUrl,
      subscriptions: [
        { connector: 'shopify', topics: ['orders/create'] },
        { connector: 'stripe', topics: ['payment_intent.succeeded'] },
      ],
      // webhookOptions() runs them before the intake is configured.
      registerOnStartup: false,
    },
  };
}
