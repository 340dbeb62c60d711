import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from '@nestjs/common';
import { AppModule } from './app.module.js';
import { loadShopConfig } from './shop.config.js';
import { runDemo, startShop } from './demo/run-demo.js';
import { formatReport } from './demo/report.js';

const logger = new Logger('Shop');

/**
 * With SHOPIFY_API_URL (and friends) set, this is the shop: it serves webhooks until stopped.
 * Without, it plays the offline demo on the embedded defaults and exits; `--serve` keeps the
 * demo shop running afterwards so you can look around (`GET /insights`).
 */
if (process.env.SHOPIFY_API_URL) {
  const config = loadShopConfig();
  const app = await NestFactory.create(AppModule.register(config), { rawBody: true });
  app.enableShutdownHooks();
  await app.listen(config.port, '0.0.0.0');
  logger.log(`Shop listening on :${config.port}; webhooks at ${config.publicWebhookUrl}/{shopify,stripe,helpdesk,storefront}`);
} else {
  const serve = process.argv.includes('--serve');
  const shop = await startShop({ port: serve && process.env.PORT ? Number(process.env.PORT) : undefined });
  const outcome = await runDemo(shop);
  process.stdout.write(`${formatReport(outcome, shop.sandbox)}\n`);
  if (serve) {
    logger.log(`Demo shop still running at ${shop.url} (GET /insights); sandbox at ${shop.sandbox.url}. Ctrl+C to stop.`);
    process.once('SIGINT', () => void shop.close().then(() => process.exit(0)));
  } else {
    await shop.close();
    process.exitCode = outcome.deadLetters === 0 ? 0 : 1;
  }
}
