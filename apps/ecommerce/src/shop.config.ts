/** Where the shop's services live. Every value comes from the environment; see the README. */
export interface ShopConfig {
  readonly redisUrl: string;
  /** Redis prefix of everything the shop and its aiwire modules store. */
  readonly keyPrefix: string;
  readonly port: number;
  /** Public base URL of the webhook intake, given to Shopify and Stripe when subscribing. */
  readonly publicWebhookUrl: string;
  readonly urls: {
    readonly slack?: string;
    readonly stripe?: string;
    readonly shopify?: string;
    readonly hubspot?: string;
    readonly hubspotToken: string;
    readonly helpdesk: string;
  };
  readonly shopDomain: string;
  readonly ai: { readonly openaiApiKey?: string; readonly openaiBaseUrl?: string; readonly anthropicApiKey?: string; readonly anthropicBaseUrl?: string };
  /** `ROLE=api` makes an intake-only process; `ROLE=worker` or unset runs handlers too. */
  readonly workers: boolean;
  readonly slackChannels: { readonly reviews: string; readonly fraud: string; readonly payments: string; readonly support: string };
}

export function loadShopConfig(env: NodeJS.ProcessEnv = process.env): ShopConfig {
  const port = Number(env.PORT ?? 3000);
  return {
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    keyPrefix: env.SHOP_KEY_PREFIX ?? 'shop',
    port,
    publicWebhookUrl: env.PUBLIC_WEBHOOK_URL ?? `http://127.0.0.1:${port}/webhooks`,
    urls: {
      slack: env.SLACK_API_URL,
      stripe: env.STRIPE_API_URL,
      shopify: env.SHOPIFY_API_URL,
      hubspot: env.HUBSPOT_API_URL,
      hubspotToken: env.HUBSPOT_TOKEN_URL ?? 'https://api.hubapi.com/oauth/v1/token',
      helpdesk: env.HELPDESK_API_URL ?? 'http://127.0.0.1:4010',
    },
    shopDomain: env.SHOP_DOMAIN ?? 'aiwire-demo.myshopify.com',
    ai: { openaiApiKey: env.OPENAI_API_KEY, openaiBaseUrl: env.OPENAI_BASE_URL, anthropicApiKey: env.ANTHROPIC_API_KEY, anthropicBaseUrl: env.ANTHROPIC_BASE_URL },
    workers: env.ROLE !== 'api',
    slackChannels: { reviews: '#reviews', fraud: '#alerts', payments: '#general', support: '#support' },
  };
}

export const SHOP_CONFIG = Symbol('ShopConfig');
