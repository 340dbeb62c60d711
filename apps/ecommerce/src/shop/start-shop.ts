import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { loadShopConfig, type ShopConfig, type ShopRole } from '../shop.config.js';
import { DATABASE } from '../db/database.constants.js';
import type { Database } from '../db/database.types.js';
import type { DatabaseModuleOptions } from '../db/database.options.js';
import { ActivityRecorder } from '../runs/activity.recorder.js';
import { bootApp } from './boot-app.js';

export interface RunningShop {
  readonly app: INestApplication;
  readonly sandbox: Sandbox;
  readonly config: ShopConfig;
  /** `http://127.0.0.1:<port>`; a `ROLE=worker` process has no URL of its own (empty string). */
  readonly url: string;
  readonly db: Database;
  /** Waits until every webhook delivery and flow status this process saw is in the database. */
  recorded(): Promise<void>;
  /** Stops the app (and the sandbox when this call started it), then deletes the shop's Redis keys. */
  close(): Promise<void>;
}

export interface StartShopOptions {
  /** Nest's logger for the app (default: errors and warnings only). */
  logger?: LoggerService | LogLevel[] | false;
  /** Listen port; default: a free one. */
  port?: number;
  /** The database; default: the environment's (`DATABASE_URL` / `DATABASE_DIR`). */
  database?: DatabaseModuleOptions;
  /** `api`, `worker` or `all` (default). */
  role?: ShopRole;
  /** Redis prefix of every key; default: a fresh one, deleted by `close()`. */
  keyPrefix?: string;
  /** A running sandbox to share (several processes of one shop); default: a new one, closed by `close()`. */
  sandbox?: Sandbox;
  /** Extra environment for the app's config (e.g. `LOG_LEVEL`). */
  env?: NodeJS.ProcessEnv;
  /**
   * Nest's SIGINT/SIGTERM hooks (close the app, then re-raise the signal). `main.ts` turns them off
   * to run its own shutdown, which deletes the Redis keys and the demo's rows before exiting.
   * @default true
   */
  shutdownHooks?: boolean;
}

/** The webhook signing secrets of the embedded defaults (the sandbox signs with them too). */
export const DEMO_SECRETS = {
  helpdesk: 'demo-helpdesk-signing-secret',
  storefront: `whsec_${Buffer.from('demo storefront signing secret!!').toString('base64')}`,
} as const;

/**
 * The embedded defaults: every external system is the local sandbox, the AI is the offline `local`
 * provider (unless an LLM key is set), and all keys live under a fresh Redis prefix that `close()`
 * deletes. What `npm start`, the demo and the e2e tests run.
 */
export async function startShop(options: StartShopOptions = {}): Promise<RunningShop> {
  const ownSandbox = options.sandbox === undefined;
  const sandbox = options.sandbox ?? (await startSandbox({ port: 0 }));
  Object.assign(process.env, sandboxEnvironment(sandbox));
  const port = options.port ?? (await freePort());
  const keyPrefix = options.keyPrefix ?? `shop-demo-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const config = loadShopConfig({
    // The admin is never served open: without a password of the caller's, a random one (`config.adminPassword`).
    ADMIN_PASSWORD: randomBytes(12).toString('base64url'),
    ...process.env, ...options.env, PORT: String(port), SHOP_KEY_PREFIX: keyPrefix, ROLE: options.role ?? 'all',
    ...(options.database && { DATABASE_URL: options.database.url ?? '', DATABASE_DIR: options.database.dir ?? '' }),
  });
  let app: INestApplication;
  try {
    app = await bootApp(config, { logger: options.logger ?? ['error', 'warn'], shutdownHooks: options.shutdownHooks });
  } catch (error) {
    if (ownSandbox) await sandbox.close();
    await deleteKeys(config.redisUrl, config.keyPrefix).catch(() => undefined);
    throw error;
  }
  const recorder = app.get(ActivityRecorder);
  const close = async (): Promise<void> => {
    await app.close();
    if (ownSandbox) await sandbox.close();
    await deleteKeys(config.redisUrl, config.keyPrefix);
  };
  return {
    app, sandbox, config, close,
    url: config.http ? `http://127.0.0.1:${port}` : '',
    db: app.get<Database>(DATABASE),
    recorded: () => recorder.whenIdle(),
  };
}

/** The connector and webhook settings that point the shop at a sandbox. */
export function sandboxEnvironment(sandbox: Sandbox): Record<string, string> {
  const c = sandbox.credentials;
  return {
    SLACK_API_URL: sandbox.urls.slack, STRIPE_API_URL: sandbox.urls.stripe, SHOPIFY_API_URL: sandbox.urls.shopify,
    HUBSPOT_API_URL: sandbox.urls.hubspot, HUBSPOT_TOKEN_URL: sandbox.tokenUrl, HELPDESK_API_URL: sandbox.urls.helpdesk, SHOP_DOMAIN: c.shopDomain,
    SLACK_BOT_TOKEN: c.slackBotToken, STRIPE_SECRET_KEY: c.stripeSecretKey, SHOPIFY_ADMIN_TOKEN: c.shopifyAccessToken, SHOPIFY_API_SECRET: c.shopifyApiSecret,
    HUBSPOT_CLIENT_ID: c.oauthClientId, HUBSPOT_CLIENT_SECRET: c.oauthClientSecret, HUBSPOT_REFRESH_TOKEN: c.oauthRefreshToken, HELPDESK_API_KEY: c.helpdeskApiKey,
    HELPDESK_WEBHOOK_SECRET: DEMO_SECRETS.helpdesk,
    STOREFRONT_WEBHOOK_SECRET: DEMO_SECRETS.storefront,
  };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Deletes every Redis key under `prefix` (SCAN, not KEYS: the server stays responsive). */
export async function deleteKeys(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url);
  let cursor = '0';
  let deleted = 0;
  try {
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
