import type { DatabaseModuleOptions } from './db/database.options.js';

/** Which parts a process runs: the HTTP API and webhook intake, the queue workers, or both. */
export type ShopRole = 'api' | 'worker' | 'all';

/** Where the shop's services live. Every value comes from the environment; see the README. */
export interface ShopConfig {
  readonly redisUrl: string;
  /** Redis prefix of everything the shop and its aiwire modules store. */
  readonly keyPrefix: string;
  readonly port: number;
  /** Address the HTTP server binds. */
  readonly host: string;
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
  /**
   * `SHOPIFY_RATE_LIMIT`, `capacity/perSecond`: the Admin API's leaky bucket of the store's plan, which
   * the connector paces itself to. Standard plans `40/2` (the default), Shopify Plus `400/20`.
   */
  readonly shopifyRateLimit: { readonly capacity: number; readonly refillPerSecond: number };
  readonly ai: { readonly openaiApiKey?: string; readonly openaiBaseUrl?: string; readonly anthropicApiKey?: string; readonly anthropicBaseUrl?: string };
  /** `ROLE`: `api` serves HTTP and takes webhooks, `worker` runs handlers and flows, `all` (the default) both. */
  readonly role: ShopRole;
  /** True unless `ROLE=api`: this process runs the Bull workers (webhook handlers, flows, AI jobs). */
  readonly workers: boolean;
  /** True unless `ROLE=worker`: this process listens for HTTP (API, webhooks, dashboard). */
  readonly http: boolean;
  /** `DATABASE_URL` (PostgreSQL) or `DATABASE_DIR` (embedded PGlite, default `.data/ecommerce-db`). */
  readonly database: DatabaseModuleOptions;
  /** `ADMIN_PASSWORD`: basic auth (user `admin`) on `/admin` (queues, dead letters, flow runs); unset turns the admin off. */
  readonly adminPassword?: string;
  /** `LOG_LEVEL` of the JSON logs (`info`); `silent` turns them off. */
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** `STOCK_REVIEW_CRON` and `STOCK_REVIEW_TZ`: when the nightly stock review runs (`0 2 * * *`, UTC). */
  readonly stockReview: { readonly cron: string; readonly tz: string };
  readonly slackChannels: {
    readonly reviews: string;
    readonly fraud: string;
    readonly payments: string;
    readonly support: string;
    readonly purchasing: string;
  };
}

const ROLES: readonly ShopRole[] = ['api', 'worker', 'all'];

export function loadShopConfig(env: NodeJS.ProcessEnv = process.env): ShopConfig {
  const port = Number(env.PORT ?? 3000);
  const role = (env.ROLE ?? 'all') as ShopRole;
  if (!ROLES.includes(role)) throw new Error(`ROLE must be one of ${ROLES.join(', ')}; got "${env.ROLE}".`);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be a port number; got "${env.PORT}".`);
  return {
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    keyPrefix: env.SHOP_KEY_PREFIX ?? 'shop',
    port,
    host: env.HOST ?? '127.0.0.1',
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
    shopifyRateLimit: rateLimit('SHOPIFY_RATE_LIMIT', env.SHOPIFY_RATE_LIMIT ?? '40/2'),
    ai: { openaiApiKey: env.OPENAI_API_KEY, openaiBaseUrl: env.OPENAI_BASE_URL, anthropicApiKey: env.ANTHROPIC_API_KEY, anthropicBaseUrl: env.ANTHROPIC_BASE_URL },
    role,
    workers: role !== 'api',
    http: role !== 'worker',
    database: { url: nonEmpty(env.DATABASE_URL), dir: nonEmpty(env.DATABASE_DIR) },
    adminPassword: nonEmpty(env.ADMIN_PASSWORD),
    logLevel: (env.LOG_LEVEL ?? 'info') as ShopConfig['logLevel'],
    stockReview: { cron: env.STOCK_REVIEW_CRON ?? '0 2 * * *', tz: env.STOCK_REVIEW_TZ ?? 'UTC' },
    slackChannels: { reviews: '#reviews', fraud: '#alerts', payments: '#general', support: '#support', purchasing: '#purchasing' },
  };
}

function rateLimit(name: string, value: string): { capacity: number; refillPerSecond: number } {
  const match = /^\s*(\d+)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(value);
  const capacity = Number(match?.[1]);
  const refillPerSecond = Number(match?.[2]);
  if (!match || capacity < 1 || refillPerSecond <= 0) throw new Error(`${name} must be "capacity/perSecond", e.g. 40/2 (Shopify's standard plans) or 400/20 (Plus); got "${value}".`);
  return { capacity, refillPerSecond };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

export const SHOP_CONFIG = Symbol('ShopConfig');
