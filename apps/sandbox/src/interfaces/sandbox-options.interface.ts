/** Credentials the stand-ins accept; anything else is refused the way the provider refuses it. */
export interface SandboxCredentials {
  /** Slack bot token (`Authorization: Bearer` or the `token` form field). @default 'xoxb-sandbox-bot-token' */
  slackBotToken: string;
  /** Stripe secret key. @default 'sk_test_sandbox' */
  stripeSecretKey: string;
  /** Shopify Admin API access token (`X-Shopify-Access-Token`). @default 'shpat_sandbox' */
  shopifyAccessToken: string;
  /** The Shopify app's API secret key, which signs the shop's webhooks (`X-Shopify-Hmac-Sha256`). @default 'shpss_sandbox_api_secret' */
  shopifyApiSecret: string;
  /** The shop the Shopify stand-in plays (webhook `X-Shopify-Shop-Domain`). @default 'aiwire-demo.myshopify.com' */
  shopDomain: string;
  /** OAuth client id known to the token endpoint. @default 'sandbox-client-id' */
  oauthClientId: string;
  /** OAuth client secret. @default 'sandbox-client-secret' */
  oauthClientSecret: string;
  /** A refresh token issued to that client at start (HubSpot's offline grant). @default 'sandbox-refresh-token' */
  oauthRefreshToken: string;
  /** A HubSpot private-app token, accepted besides OAuth access tokens. @default 'pat-na1-sandbox' */
  hubspotPrivateAppToken: string;
  /** GitHub token (`Authorization: Bearer` or `token`). @default 'ghp_sandbox' */
  githubToken: string;
  /** Helpdesk API key (`X-Api-Key`). @default 'hd_sandbox_key' */
  helpdeskApiKey: string;
  /** OpenAI API key (`Authorization: Bearer`). @default 'sk-sandbox-openai-key' */
  openaiApiKey: string;
  /** Anthropic API key (`x-api-key`). @default 'sk-ant-sandbox-key' */
  anthropicApiKey: string;
}

/** Request budgets of the stand-ins, each shaped like its provider's limiter. */
export interface SandboxLimits {
  /** Slack: calls per minute per method (chat.postMessage per channel). @default { 'chat.postMessage': 60, 'conversations.list': 20, 'auth.test': 100 } */
  slack?: Partial<Record<'chat.postMessage' | 'conversations.list' | 'auth.test', number>>;
  /** Stripe: requests per second per key (test mode). @default 25 */
  stripePerSecond?: number;
  /** Shopify leaky bucket per access token. @default { size: 40, leakPerSecond: 2 } */
  shopifyBucket?: { size: number; leakPerSecond: number };
  /** HubSpot: requests per interval and per day, per token. @default { max: 100, intervalMs: 10000, daily: 250000 } */
  hubspot?: { max?: number; intervalMs?: number; daily?: number };
  /** GitHub: requests per hour per token (primary rate limit). @default 5000 */
  githubPerHour?: number;
  /** OpenAI: requests and tokens (prompt + max tokens, corrected to real output) per minute, per key. @default { rpm: 10000, tpm: 2000000 } */
  openai?: { rpm?: number; tpm?: number };
  /** Anthropic: requests, input tokens and output tokens per minute, per key. @default { rpm: 4000, inputTpm: 2000000, outputTpm: 400000 } */
  anthropic?: { rpm?: number; inputTpm?: number; outputTpm?: number };
}

/** OAuth token endpoint behaviour; also changeable at run time on `sandbox.state.oauth.settings`. */
export interface SandboxOAuthOptions {
  /** Lifetime of issued access tokens (`expires_in`), in seconds. @default 1800 */
  accessTokenTtlSeconds?: number;
  /** Issue a new refresh token on every refresh and revoke the old one. @default false */
  rotateRefreshTokens?: boolean;
}

export interface SandboxOptions {
  /** Port to listen on; 0 picks a free one. @default 0 */
  port?: number;
  /** Address to listen on. @default '127.0.0.1' */
  host?: string;
  /** Load the demo shop: 3 customers, 4 products, 5 orders, their payments, CRM contacts, reviews. @default true */
  seed?: boolean;
  /** Override accepted credentials. @default DEFAULT_CREDENTIALS */
  credentials?: Partial<SandboxCredentials>;
  /** Token endpoint behaviour. @default { accessTokenTtlSeconds: 1800, rotateRefreshTokens: false } */
  oauth?: SandboxOAuthOptions;
  /** Rate limits. @default the providers' published limits (see `SandboxLimits`) */
  limits?: SandboxLimits;
  /** Helpdesk webhook delivery attempts per event (first included) and first retry delay. @default { attempts: 3, retryDelayMs: 200 } */
  delivery?: { attempts?: number; retryDelayMs?: number };
}
