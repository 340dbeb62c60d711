import 'reflect-metadata';
import { loadShopConfig } from './shop.config.js';
import { bootApp } from './shop/boot-app.js';
import { runDemoProcess } from './demo/demo-process.js';

/**
 * With real settings (`SHOPIFY_API_URL` and the other providers' settings, see the README) this
 * is the shop, in the role `ROLE` names, until stopped. Without, it is the demo: the shop, the
 * sandbox and the demo driver in one process (`--once`: play it and exit).
 */
if (process.env.SHOPIFY_API_URL) {
  const config = loadShopConfig();
  await bootApp(config);
  if (config.http) {
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
    process.stdout.write(`aiwire shop (ROLE=${config.role}) listening on ${url}/ — API docs ${url}/docs, admin ${url}/admin; webhooks at ${config.publicWebhookUrl}/{shopify,stripe,helpdesk,storefront}${config.workers ? '' : '; no workers in this process'}\n`);
  } else {
    process.stdout.write(`aiwire shop (ROLE=${config.role}) running the workers (webhook handlers, flows, AI jobs); no HTTP in this process\n`);
  }
} else {
  process.exitCode = await runDemoProcess();
  // Bull and ioredis may keep a timer or socket referenced a moment after close: do not wait for them.
  process.exit();
}
