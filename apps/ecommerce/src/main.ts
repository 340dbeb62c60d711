import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { loadShopConfig } from './shop.config.js';
import { setupOpenApi } from './dashboard/openapi.js';
import { runDemoProcess } from './demo/demo-process.js';

/**
 * With real settings (`SHOPIFY_API_URL` and the other providers' settings, see the README) this
 * is the shop, in the role `ROLE` names, until stopped. Without, it is the demo: the shop, the
 * sandbox and the demo driver in one process (`--once`: play it and exit).
 */
if (process.env.SHOPIFY_API_URL) {
  const config = loadShopConfig();
  const app = await NestFactory.create(AppModule.register(config), { rawBody: true });
  app.enableShutdownHooks();
  if (config.http) {
    setupOpenApi(app);
    await app.listen(config.port, config.host);
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
    process.stdout.write(`aiwire shop (ROLE=${config.role}) listening on ${url}/ — API docs ${url}/docs, admin ${url}/admin; webhooks at ${config.publicWebhookUrl}/{shopify,stripe,helpdesk,storefront}${config.workers ? '' : '; no workers in this process'}\n`);
  } else {
    await app.init();
    process.stdout.write(`aiwire shop (ROLE=${config.role}) running the workers (webhook handlers, flows, AI jobs); no HTTP in this process\n`);
  }
} else {
  process.exitCode = await runDemoProcess();
  // Bull and ioredis may keep a timer or socket referenced a moment after close: do not wait for them.
  process.exit();
}
