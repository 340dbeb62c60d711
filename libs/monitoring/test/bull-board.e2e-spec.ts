import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { AiJobsService, AiModule } from '@aiwire/ai';
import { MonitoringModule } from '@aiwire/monitoring';
import { PLATFORMS, startApp, type RunningApp } from '../../../test/support/http-app.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { ADMIN, deliver, handlerLog, handlers, hostModule, webhookModule } from './admin-fixtures.js';

/** Screenshots stay out of git: the lead looks at them, the test checks the page's text. */
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '.tmp');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe.each(PLATFORMS)('bull-board in Chromium on %s', (platform) => {
  const prefix = uniquePrefix(`bull-board-${platform}`);
  const log = handlerLog();
  let running: RunningApp;

  beforeAll(async () => {
    const [Billing, Tickets] = handlers(log);
    const ai = AiModule.forRoot({
      redis: { url: REDIS_URL },
      keyPrefix: `${prefix}:ai`,
      providers: { openai: { kind: 'openai', apiKey: 'sk-bull-board-e2e', baseURL: 'http://127.0.0.1:9/v1' } },
      jobs: { queuePrefix: prefix, workers: false },
    });
    running = await startApp(platform, hostModule([webhookModule(prefix), ai, MonitoringModule.forRoot({ admin: { basicAuth: ADMIN } })], [Billing!, Tickets!]));
    // Something in each queue: a dead letter in webhooks, a waiting job in ai.
    log.failing.add('Billing.onFailed');
    await deliver(running.url, 'billing', 'payment.failed', `bb_${platform}_${Date.now()}`);
    await running.app.get(AiJobsService).submit({ messages: [{ role: 'user', content: 'Summarise the open tickets' }] });
    await waitFor(() => log.runs.some((r) => r.handler === 'Billing.onFailed'), 10_000, 'the failing handler ran');
  });
  afterAll(async () => {
    await running?.close();
    await deleteKeys(prefix);
  });

  it('renders the webhooks and ai queues behind basic auth', async () => {
    const context = await browser.newContext({ httpCredentials: { username: ADMIN.user, password: ADMIN.password }, viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      const response = await page.goto(`${running.url}/admin/queues`);
      expect(response?.status()).toBe(200);
      // The UI is a React app that loads the queues through its API: wait for both cards.
      await page.getByText('webhooks', { exact: true }).first().waitFor({ timeout: 15_000 });
      await page.getByText('ai', { exact: true }).first().waitFor({ timeout: 15_000 });
      await page.screenshot({ path: join(SCREENSHOTS, `bull-board-${platform}.png`), fullPage: true });
      const text = await page.locator('body').innerText();
      expect(text).toContain('aiwire queues');
      expect(text).toMatch(/\bwebhooks\b/);
      expect(text).toMatch(/\bai\b/);

      // A deep link (served by the UI's entry route too) to the webhooks queue's failed jobs: the dead letter and its error.
      await page.goto(`${running.url}/admin/queues/queue/webhooks?status=failed`);
      await page.getByText('Billing.onFailed failed on purpose').first().waitFor({ timeout: 15_000 });
      await page.screenshot({ path: join(SCREENSHOTS, `bull-board-${platform}-failed.png`), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it.each([
    ['no credentials', undefined],
    ['wrong credentials', { username: ADMIN.user, password: 'not the password' }],
  ])('shows no queue with %s', async (_case, httpCredentials) => {
    const context = await browser.newContext({ httpCredentials });
    try {
      const page = await context.newPage();
      // Chromium either gives up on the challenge (a navigation error) or shows the 401 answer.
      const outcome = await page.goto(`${running.url}/admin/queues`).then((r) => r?.status(), (error: Error) => error.message);
      if (typeof outcome === 'number') {
        expect(outcome).toBe(401);
        expect(await page.locator('body').innerText()).not.toContain('webhooks');
      } else {
        expect(outcome).toContain('ERR_INVALID_AUTH_CREDENTIALS');
      }
    } finally {
      await context.close();
    }
  });
});
