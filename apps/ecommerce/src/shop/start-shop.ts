import { NestFactory } from '@nestjs/core';
import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { WebhookAdminService } from '@aiwire/webhooks';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { AppModule } from '../app.module.js';
import { loadShopConfig, type ShopConfig } from '../shop.config.js';
import { InsightsStore, type InsightKind } from '../insights/insights.store.js';
import { Activity } from './activity.js';
import { EXPECTED, playDemoDay } from './demo-script.js';

export interface RunningShop {
  readonly app: INestApplication;
  readonly sandbox: Sandbox;
  readonly config: ShopConfig;
  readonly url: string;
  close(): Promise<void>;
}

export interface DemoOutcome {
  readonly insights: Record<InsightKind, Record<string, unknown>>;
  readonly deadLetters: number;
  readonly activity: Activity;
  readonly elapsedMs: number;
}

/**
 * The embedded defaults: every external system is the local sandbox, the AI is the offline
 * `local` provider, and all keys live under a fresh Redis prefix that is deleted on close.
 */
export async function startShop(options: { logger?: LoggerService | LogLevel[] | false; port?: number } = {}): Promise<RunningShop> {
  const sandbox = await startSandbox({ port: 0 });
  const c = sandbox.credentials;
  Object.assign(process.env, {
    SLACK_API_URL: sandbox.urls.slack, STRIPE_API_URL: sandbox.urls.stripe, SHOPIFY_API_URL: sandbox.urls.shopify,
    HUBSPOT_API_URL: sandbox.urls.hubspot, HUBSPOT_TOKEN_URL: sandbox.tokenUrl, HELPDESK_API_URL: sandbox.urls.helpdesk, SHOP_DOMAIN: c.shopDomain,
    SLACK_BOT_TOKEN: c.slackBotToken, STRIPE_SECRET_KEY: c.stripeSecretKey, SHOPIFY_ADMIN_TOKEN: c.shopifyAccessToken, SHOPIFY_API_SECRET: c.shopifyApiSecret,
    HUBSPOT_CLIENT_ID: c.oauthClientId, HUBSPOT_CLIENT_SECRET: c.oauthClientSecret, HUBSPOT_REFRESH_TOKEN: c.oauthRefreshToken, HELPDESK_API_KEY: c.helpdeskApiKey,
    HELPDESK_WEBHOOK_SECRET: 'demo-helpdesk-signing-secret',
    STOREFRONT_WEBHOOK_SECRET: `whsec_${Buffer.from('demo storefront signing secret!!').toString('base64')}`,
  });
  const port = options.port ?? (await freePort());
  const config = loadShopConfig({ ...process.env, PORT: String(port), SHOP_KEY_PREFIX: `shop-demo-${process.pid}-${Date.now()}` });
  const app = await NestFactory.create(AppModule.register(config), { rawBody: true, logger: options.logger ?? ['error', 'warn'] });
  app.enableShutdownHooks();
  await app.listen(port, '127.0.0.1');
  const close = async (): Promise<void> => {
    await app.close();
    await sandbox.close();
    await deleteKeys(config.redisUrl, config.keyPrefix);
  };
  return { app, sandbox, config, url: `http://127.0.0.1:${port}`, close };
}

/** Plays the demo day and waits until every workflow has concluded (or a dead letter says why not). */
export async function runDemo(shop: RunningShop, timeoutMs = 60_000): Promise<DemoOutcome> {
  const activity = new Activity().start();
  const started = Date.now();
  const insights = shop.app.get(InsightsStore);
  const admin = shop.app.get(WebhookAdminService);
  try {
    await playDemoDay(shop.sandbox, shop.config.publicWebhookUrl, process.env.STOREFRONT_WEBHOOK_SECRET ?? '');
    const kinds = Object.keys(EXPECTED) as InsightKind[];
    for (;;) {
      const lists = Object.fromEntries(await Promise.all(kinds.map(async (k) => [k, await insights.list(k)] as const))) as DemoOutcome['insights'];
      const deadLetters = await admin.deadLetterCount();
      const done = kinds.every((k) => Object.keys(lists[k]).length >= EXPECTED[k]);
      if (done || deadLetters > 0 || Date.now() - started > timeoutMs) {
        await shop.sandbox.whenIdle();
        return { insights: lists, deadLetters, activity, elapsedMs: Date.now() - started };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    activity.stop();
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}
