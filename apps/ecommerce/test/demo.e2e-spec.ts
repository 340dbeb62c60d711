import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { startSandbox } from '@aiwire/sandbox';
import { connectDatabase, schema as s, type DatabaseConnection } from '../src/db/index.js';
import { createTestDatabase, type TestDatabase } from '../src/db/testing/test-database.js';
import { catalogFrom } from '../src/demo/demo-catalog.js';
import { planDemo, type DemoPlan } from '../src/demo/demo-plan.js';
import { deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { buildShop, exitWithin, keysUnder, runShop } from './demo-support.js';

/** What `npm start` runs, as a child process: the demo plays, summarises, and leaves nothing behind. */
describe('npm start (the demo)', () => {
  let tmp: string;
  let prefix: string;
  let blocker: Server;
  let taken: number;

  /** The plan the child plays for these sizes: the same seed data, so the same figures. */
  const expectedPlan = async (events: number, seconds: number): Promise<DemoPlan> => {
    const sandbox = await startSandbox({ port: 0 });
    try {
      return planDemo({ events, seconds, seed: 13 }, catalogFrom(sandbox));
    } finally {
      await sandbox.close();
    }
  };

  beforeAll(async () => {
    buildShop();
    // A port someone else holds: the demo must say so and take another.
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    taken = (blocker.address() as { port: number }).port;
  }, 600_000);
  afterAll(async () => {
    if (blocker) await new Promise<void>((resolve) => blocker.close(() => resolve()));
  });
  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'aiwire-demo-test-'));
    prefix = uniquePrefix('demo');
  });
  afterEach(async () => {
    await deleteKeys(prefix);
    await rm(tmp, { recursive: true, force: true });
  });

  it('--once plays the stream, prints the dashboard URL and the summary, exits 0 and deletes its keys and database', async () => {
    const plan = await expectedPlan(40, 4);
    const shop = runShop(['--once'], { DEMO_EVENTS: '40', DEMO_SECONDS: '4', SHOP_KEY_PREFIX: prefix, PORT: String(taken), TMPDIR: tmp });
    // While it runs: its keys and its own database directory exist.
    await waitFor(() => shop.output().includes('Playing 40 webhooks'), 60_000, 'the demo to start playing');
    expect((await keysUnder(prefix)).length).toBeGreaterThan(0);
    expect((await readdir(tmp)).filter((f) => f.startsWith('aiwire-demo-'))).toHaveLength(1);

    const { code } = await exitWithin(shop, 120_000);
    const out = shop.output();
    expect(code, out).toBe(0);
    const url = out.match(/Dashboard {3}(http:\/\/127\.0\.0\.1:(\d+))\//);
    expect(url, out).not.toBeNull();
    expect(Number(url![2])).not.toBe(taken);
    expect(out).toContain(`(port ${taken} is in use, so the shop took ${url![2]}; set PORT to choose)`);
    expect(out).toContain(`API docs    ${url![1]}/docs`);
    expect(out).toContain('[demo] 40/40 events');
    const { accepted, duplicates, rejected } = plan.expected;
    expect(accepted + duplicates + rejected).toBe(40);
    expect(duplicates).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
    expect(out).toContain(`aiwire demo — 40 webhooks in`);
    expect(out).toContain(`  ${accepted} accepted · ${duplicates} duplicates (the same delivery again: answered 200, dropped) · ${rejected} rejected (forged signatures: 401)`);
    // Every first delivery ran its flow to the end, and the nightly stock review ran once.
    const runs = { 'product-viewed': plan.counts.view, 'review-submitted': plan.counts.review, 'support-ticket': plan.counts.ticket, 'order-fraud-check': plan.counts.order, 'payment-completed': plan.counts.payment, 'stock-review': 1 };
    for (const [flow, n] of Object.entries(runs)) expect(out, flow).toMatch(new RegExp(`^  ${flow} +${n} completed, 0 failed$`, 'm'));
    expect(out).toMatch(/What the flows did\n {2}\d+ order\(s\) held for review · \d+ ticket\(s\) escalated · \d+ review\(s\) analysed/);
    expect(out).toContain(`${plan.counts.review} review(s) analysed`);
    expect(out).toContain(`${plan.counts.payment} payment(s) checked`);
    expect(out).toContain('Dead letters: 0');
    const ai = /AI: (\d+) request\(s\), (\d+) sent to the model and (\d+) answered by the AI cache \(\d+%\), 0 failed, cost \$0\.0000/.exec(out);
    expect(ai, out).not.toBeNull();
    expect(Number(ai![2]) + Number(ai![3])).toBe(Number(ai![1]));
    expect(out).toContain(`  dashboard  ${url![1]}/`);
    expect(out).toContain('Every flow completed, no dead letters: exit 0.');
    expect(out).toContain("Cleaned up: the demo's Redis keys and database rows are gone.");
    expect(out).not.toContain('✗');

    expect(await keysUnder(prefix)).toEqual([]);
    expect(await readdir(tmp)).toEqual([]);
  }, 180_000);

  it.each(['SIGINT', 'SIGTERM'] as const)('%s mid-demo stops promptly and deletes its keys and database', async (signal) => {
    const shop = runShop([], { DEMO_EVENTS: '400', DEMO_SECONDS: '60', SHOP_KEY_PREFIX: prefix, PORT: '0', TMPDIR: tmp });
    await waitFor(() => shop.output().includes('Playing 400 webhooks'), 60_000, 'the demo to start playing');
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await keysUnder(prefix)).length).toBeGreaterThan(0);
    const sentAt = Date.now();
    shop.child.kill(signal);
    const { code } = await exitWithin(shop, 30_000);
    const out = shop.output();
    expect(Date.now() - sentAt).toBeLessThan(20_000);
    expect(code, out).toBe(signal === 'SIGINT' ? 130 : 143);
    expect(out).toContain(`${signal}: stopping`);
    expect(out).toMatch(/aiwire demo — stopped after \d+ of 400 webhooks/);
    expect(out).toContain("Cleaned up: the demo's Redis keys and database rows are gone.");
    expect(await keysUnder(prefix)).toEqual([]);
    expect(await readdir(tmp)).toEqual([]);
  }, 120_000);

  describe('with DATABASE_URL', () => {
    let target: TestDatabase;
    let db: DatabaseConnection;
    const counts = async () => {
      const tables = { customers: s.customers, products: s.products, orders: s.orders, reviews: s.reviews, tickets: s.tickets, payments: s.payments, webhookEvents: s.webhookEvents, flowRuns: s.flowRuns };
      const out: Record<string, number> = {};
      for (const [name, table] of Object.entries(tables)) out[name] = Number((await db.db.select({ n: count() }).from(table))[0]!.n);
      return out;
    };

    beforeAll(async () => {
      target = await createTestDatabase('pg');
      db = await connectDatabase(target.options);
      // Rows that were there before the demo: they must survive it.
      await db.db.insert(s.customers).values({ email: 'existing@example.com', name: 'Existing Customer', shopifyId: 1 });
      await db.db.insert(s.webhookEvents).values({ source: 'shopify', outcome: 'accepted', status: 202, durationMs: 1, eventId: 'before-the-demo' });
    }, 60_000);
    afterAll(async () => {
      await db?.close();
      await target?.drop();
    });

    it('deletes exactly the rows it created, keeping the ones that were there', async () => {
      const before = await counts();
      const shop = runShop(['--once'], { DEMO_EVENTS: '30', DEMO_SECONDS: '3', SHOP_KEY_PREFIX: prefix, PORT: '0', TMPDIR: tmp, DATABASE_URL: target.options.url! });
      await waitFor(() => shop.output().includes('[demo] 30/30 events'), 90_000, 'the demo to send everything');
      // Mid-way the demo's rows are there: at least its webhook deliveries.
      await waitFor(async () => (await counts()).webhookEvents > before.webhookEvents, 30_000, 'the demo rows');
      const { code } = await exitWithin(shop, 120_000);
      expect(code, shop.output()).toBe(0);
      expect(shop.output()).toContain('Database    DATABASE_URL; the rows it creates are deleted at exit');
      expect(await counts()).toEqual(before);
      const [customer] = await db.db.select().from(s.customers);
      expect(customer).toMatchObject({ email: 'existing@example.com', name: 'Existing Customer', shopifyId: 1 });
      expect(await keysUnder(prefix)).toEqual([]);
      expect(await readdir(tmp)).toEqual([]);
    }, 180_000);
  });
});
