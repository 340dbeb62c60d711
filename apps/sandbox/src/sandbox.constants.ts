import type { SandboxCredentials } from './interfaces/sandbox-options.interface.js';

export const DEFAULT_CREDENTIALS: Readonly<SandboxCredentials> = Object.freeze({
  slackBotToken: 'xoxb-sandbox-bot-token',
  stripeSecretKey: 'sk_test_sandbox',
  shopifyAccessToken: 'shpat_sandbox',
  shopifyApiSecret: 'shpss_sandbox_api_secret',
  shopDomain: 'aiwire-demo.myshopify.com',
  oauthClientId: 'sandbox-client-id',
  oauthClientSecret: 'sandbox-client-secret',
  oauthRefreshToken: 'sandbox-refresh-token',
  hubspotPrivateAppToken: 'pat-na1-sandbox',
  githubToken: 'ghp_sandbox',
  helpdeskApiKey: 'hd_sandbox_key',
  openaiApiKey: 'sk-sandbox-openai-key',
  anthropicApiKey: 'sk-ant-sandbox-key',
});

/** The Stripe API version the stand-in reports and stamps on events (stripe-node 23's pinned version). */
export const STRIPE_API_VERSION = '2026-10-28.endive';

/** The Shopify Admin REST version the issue targets; other `YYYY-MM` versions are served the same. */
export const SHOPIFY_API_VERSION = '2025-01';

export const DEFAULT_PORT = 4010;
