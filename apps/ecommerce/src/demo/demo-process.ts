import { createServer } from 'node:net';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { deleteKeys, freePort, startShop, type RunningShop } from '../shop/start-shop.js';
import { loadShopConfig } from '../shop.config.js';
import { demoSettings, type DemoSettings } from './demo-options.js';
import { prepareDemoDatabase, type DemoDatabase } from './demo-database.js';
import { playDemo } from './demo-driver.js';
import { formatSummary, readOutcomes } from './demo-summary.js';
import { RunFootprint } from './run-footprint.js';

const write = (line: string) => void process.stdout.write(`${line}\n`);

/**
 * `node apps/ecommerce/dist/main.js` without real settings: the shop (API + workers), the
 * sandbox standing in for every provider, and the demo driver in one process. Resolves to the
 * exit code. Ctrl+C / SIGTERM at any moment stops the demo, closes the shop and deletes its Redis
 * keys and its rows; a second Ctrl+C exits at once.
 */
export async function runDemoProcess(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  let settings: DemoSettings;
  try {
    settings = demoSettings(process.env, argv);
  } catch (error) {
    write(`✗ ${(error as Error).message}`);
    return 2;
  }
  const stop = new AbortController();
  let signalled: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      write(`\n${signal} again: exiting now. Keys under the demo's Redis prefix and its database rows may remain.`);
      process.exit(1);
    }
    signalled = signal;
    write(`\n${signal}: stopping — closing the shop, deleting the demo's Redis keys and database rows (press Ctrl+C again to force).`);
    stop.abort();
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);

  const footprint = new RunFootprint().start();
  let database: DemoDatabase | undefined;
  let sandbox: Sandbox | undefined;
  let shop: RunningShop | undefined;
  let code = 0;
  const keyPrefix = `${process.env.SHOP_KEY_PREFIX ?? 'shop'}-demo-${process.pid}-${Date.now().toString(36)}`;
  try {
    write(`aiwire demo — the shop (API + workers), a sandbox for Shopify, Stripe, HubSpot, Slack and the helpdesk, and a demo driver, in one process.`);
    const host = process.env.HOST ?? '127.0.0.1';
    const wanted = Number(process.env.PORT ?? 3000);
    const port = await portFor(host, wanted);
    database = await prepareDemoDatabase();
    // A Shopify Plus store's limits (400-call bucket, 20/s), and the connector paced to them: the stream's flows stay under them.
    sandbox = await startSandbox({ port: 0, limits: { shopifyBucket: { size: 400, leakPerSecond: 20 } } });
    shop = await startShop({
      port, sandbox, database: database.options, keyPrefix, shutdownHooks: false, logger: ['error'],
      env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', SHOPIFY_RATE_LIMIT: process.env.SHOPIFY_RATE_LIMIT ?? '400/20' },
    });
    write('');
    write(`  Dashboard   ${shop.url}/${port === wanted || wanted === 0 ? '' : `   (port ${wanted} is in use, so the shop took ${port}; set PORT to choose)`}`);
    write(`  API docs    ${shop.url}/docs`);
    // A generated password is this run's own, useless after it: shown, since the admin is never open.
    write(`  Admin       ${shop.url}/admin  (user admin, password ${process.env.ADMIN_PASSWORD ? 'from ADMIN_PASSWORD' : shop.config.adminPassword})`);
    write(`  Redis       ${shop.config.redisUrl}, every key under "${keyPrefix}:" (deleted at exit)`);
    write(`  Database    ${database.description}`);
    write(`  AI          ${shop.config.ai.openaiApiKey || shop.config.ai.openaiBaseUrl ? 'OpenAI-compatible model' : shop.config.ai.anthropicApiKey ? 'Anthropic' : 'the offline `local` provider'}`);
    write('');
    if (stop.signal.aborted) return exitCodeOf(signalled);
    if (!process.env.LOG_LEVEL) write('The JSON logs are off while the demo plays (LOG_LEVEL=info shows them); failures are named in the summary.');
    write(`Playing ${settings.events} webhooks over ${settings.seconds} s (seed ${settings.seed}; DEMO_EVENTS, DEMO_SECONDS, DEMO_SEED change it)…`);
    const result = await playDemo(shop, { ...settings, settleTimeoutMs: settings.settleSeconds * 1000 }, stop.signal);
    const outcomes = await readOutcomes(shop.db);
    const offline = !shop.config.ai.openaiApiKey && !shop.config.ai.openaiBaseUrl && !shop.config.ai.anthropicApiKey;
    write(formatSummary(result, outcomes, { url: shop.url, seed: settings.seed, offline }));
    if (stop.signal.aborted) return exitCodeOf(signalled);
    if (settings.once) {
      code = result.failures.length === 0 ? 0 : 1;
      write(code === 0 ? 'Every flow completed, no dead letters: exit 0.' : `Exit 1: ${result.failures.join('; ')}.`);
      return code;
    }
    write(`Still serving at ${shop.url}/ — press Ctrl+C to stop (the demo's Redis keys and database rows are deleted).`);
    await new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
    return exitCodeOf(signalled);
  } catch (error) {
    if (stop.signal.aborted) return exitCodeOf(signalled);
    write(`✗ The demo could not run: ${(error as Error).message}`);
    return 1;
  } finally {
    await cleanUp(shop, sandbox, database, footprint, keyPrefix);
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
}

async function cleanUp(shop: RunningShop | undefined, sandbox: Sandbox | undefined, database: DemoDatabase | undefined, footprint: RunFootprint, keyPrefix: string): Promise<void> {
  const problems: string[] = [];
  const attempt = async (what: string, step: () => Promise<unknown>) => {
    try {
      await step();
    } catch (error) {
      problems.push(`${what}: ${(error as Error).message}`);
    }
  };
  // The shop first (its workers stop writing), then its keys (close() deletes them), then the rows.
  if (shop) await attempt('closing the shop', () => shop.close());
  if (sandbox) await attempt('closing the sandbox', () => sandbox.close());
  footprint.stop();
  if (database) await attempt('deleting the demo rows', () => database.cleanup(footprint.runIds));
  // Again, last: a shop that failed to start has no handle to close, and its providers may still
  // finish a call (and write a rate-limit key) for a moment.
  if (!shop) await new Promise((resolve) => setTimeout(resolve, 1_000));
  await attempt('deleting the Redis keys', () => deleteKeys(loadShopConfig().redisUrl, keyPrefix));
  write(problems.length === 0 ? 'Cleaned up: the demo\'s Redis keys and database rows are gone.' : `Clean-up incomplete — ${problems.join('; ')}`);
}

function exitCodeOf(signal: NodeJS.Signals | undefined): number {
  return signal === 'SIGTERM' ? 143 : 130;
}

/** `wanted` when it is free on `host`, else a free port (the caller says so). */
async function portFor(host: string, wanted: number): Promise<number> {
  if (!Number.isInteger(wanted) || wanted < 0 || wanted > 65_535) throw new Error(`PORT must be a port number; got "${process.env.PORT}".`);
  if (wanted === 0) return freePort();
  const free = await new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(wanted, host, () => probe.close(() => resolve(true)));
  });
  return free ? wanted : freePort();
}
