import { eq } from 'drizzle-orm';
import type { Queue } from 'bull';
import { FLOWS_QUEUE, FlowsService, type FlowRunDetail } from '@aiwire/flows';
import { DEMO_SHOP } from '@aiwire/sandbox';
import type { DatabaseDriver } from '../src/db/index.js';
import { schema as s } from '../src/db/index.js';
import type { RunningShop } from '../src/shop/start-shop.js';
import { startTestShop } from './test-shop.js';
import { ShopRepository } from '../src/shop/shop.repository.js';
import { waitFor } from '../../../test/support/wait.js';

const DAY = 86_400_000;

/** Flow 6 end to end: Shopify stock and sales → products below threshold → AI-drafted purchase orders → rows and #purchasing. */
describe.each<DatabaseDriver>(['pglite', 'pg'])('the stock-review flow on %s', (driver) => {
  let shop: RunningShop;
  let flows: FlowsService;
  /** Shopify ids of the products this file creates. */
  let kettle: number;
  let candle: number;
  let plenty: number;

  beforeAll(async () => {
    shop = await startTestShop(driver, { logger: ['error'] });
    flows = shop.app.get(FlowsService);
    const shopify = shop.sandbox.state.shopify;
    const now = Date.now();
    kettle = shopify.createProduct({ title: 'Test Kettle', vendor: 'Test', productType: 'Kitchen', price: 40, sku: `T-KET-${driver}`, inventory: 100 }).id;
    candle = shopify.createProduct({ title: 'Test Candle', vendor: 'Test', productType: 'Home', price: 12, sku: `T-CAN-${driver}`, inventory: 8 }).id;
    plenty = shopify.createProduct({ title: 'Test Tote', vendor: 'Test', productType: 'Bags', price: 15, sku: `T-TOT-${driver}`, inventory: 100 }).id;
    // The kettle: 10 orders of 2 over the last 10 days (20 recent, none before), then 4 left on the shelf.
    // Rate 20/14 = 1.43 a day; reorder point ceil(1.43 × 7) = 11; order up to ceil(1.43 × 37) = 53: 49 units.
    for (let i = 0; i < 10; i += 1) shopify.createOrder({ customerId: DEMO_SHOP.customers.hannah.shopifyId, lineItems: [{ productId: kettle, quantity: 2 }], createdAt: now - (i + 1) * DAY });
    // Sales outside the window and cancelled ones do not count.
    shopify.createOrder({ customerId: DEMO_SHOP.customers.hannah.shopifyId, lineItems: [{ productId: kettle, quantity: 30 }], createdAt: now - 40 * DAY });
    shopify.createOrder({ customerId: DEMO_SHOP.customers.hannah.shopifyId, lineItems: [{ productId: kettle, quantity: 30 }], createdAt: now - 2 * DAY, cancelled: true });
    shopify.setInventory(kettle, 4);
    // The tote sells as fast but is well stocked.
    for (let i = 0; i < 10; i += 1) shopify.createOrder({ customerId: DEMO_SHOP.customers.daniel.shopifyId, lineItems: [{ productId: plenty, quantity: 2 }], createdAt: now - (i + 1) * DAY });
    shopify.setInventory(plenty, 90);
    // The candle does not sell, but the shop wants at least 10 of it: the row's stock_threshold.
    const repo = shop.app.get(ShopRepository);
    const candleRow = await repo.upsertProduct(shopify.products.get(candle)!);
    await shop.db.update(s.products).set({ stockThreshold: 10 }).where(eq(s.products.id, candleRow));
  }, 60_000);
  afterAll(async () => {
    await shop?.close();
  });
  afterEach(() => shop.sandbox.faults.clear());

  async function review(scheduledAt: string, status: 'completed' | 'failed' = 'completed'): Promise<FlowRunDetail> {
    const runId = await flows.start('stock-review', { scheduledAt });
    const run = await waitFor(async () => {
      const r = await flows.get(runId);
      return r && ['completed', 'failed'].includes(r.status) ? r : undefined;
    }, 30_000, `stock-review ${runId}`);
    expect(run.status, JSON.stringify(run.error)).toBe(status);
    return run;
  }

  const ordersOf = async (shopifyId: number, firing: string) => {
    const rows = await shop.db.select({ po: s.purchaseOrders, shopifyId: s.products.shopifyId })
      .from(s.purchaseOrders).innerJoin(s.products, eq(s.products.id, s.purchaseOrders.productId))
      .where(eq(s.purchaseOrders.createdAt, new Date(firing)));
    return rows.filter((r) => r.shopifyId === shopifyId).map((r) => r.po);
  };
  const purchasingPosts = (firing: string) => shop.sandbox.state.slack.messagesIn('#purchasing').filter((m) => m.text.includes(`Stock review of ${firing.slice(0, 16).replace('T', ' ')} UTC`));

  it('registers the nightly schedule as a Bull repeatable job', async () => {
    const queue = shop.app.get<Queue>(FLOWS_QUEUE);
    const jobs = await queue.getRepeatableJobs();
    expect(jobs).toContainEqual(expect.objectContaining({ name: 'cron', id: 'flow-stock-review', cron: '0 2 * * *', tz: 'UTC' }));
  });

  it('drafts purchase orders for products below their threshold, with quantities from the sales trend, and posts them to #purchasing', async () => {
    const firing = new Date(Date.now() + 1 * 60_000).toISOString();
    const run = await review(firing);
    expect(run.steps.map((st) => st.id)).toEqual(['stock-levels', 'recent-sales', 'already-drafted', 'draft', 'store', 'notify-purchasing']);

    const [kettleOrder] = await ordersOf(kettle, firing);
    expect(kettleOrder).toMatchObject({ quantity: 49, status: 'draft' });
    // The rationale is the AI's (offline: a summary of the facts), from the trend it was given.
    expect(kettleOrder!.rationale).toMatch(/Test Kettle/);
    expect(kettleOrder!.rationale).toMatch(/rising|1\.43 units a day|20 units/);
    const [candleOrder] = await ordersOf(candle, firing);
    expect(candleOrder).toMatchObject({ quantity: 2 });
    expect(await ordersOf(plenty, firing)).toEqual([]);
    // The stock read from Shopify is in the products rows.
    const [kettleRow] = await shop.db.select().from(s.products).where(eq(s.products.shopifyId, kettle));
    expect(kettleRow).toMatchObject({ title: 'Test Kettle', stock: 4 });

    const posts = purchasingPosts(firing);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.text).toContain('*Test Kettle*: order 49 (stock 4, reorder point 11)');
    expect(posts[0]!.text).toContain('*Test Candle*: order 2 (stock 8, reorder point 10)');
    expect(posts[0]!.text).not.toContain('Test Tote');
    const drafted = (run.output as { drafted: number }).drafted;
    expect(posts[0]!.text).toContain(`${drafted} purchase order`);
    expect(await shop.db.select().from(s.purchaseOrders).where(eq(s.purchaseOrders.createdAt, new Date(firing)))).toHaveLength(drafted);
  });

  it('does nothing on a second run for the same firing', async () => {
    const firing = new Date(Date.now() + 2 * 60_000).toISOString();
    await review(firing);
    const rows = await shop.db.select().from(s.purchaseOrders).where(eq(s.purchaseOrders.createdAt, new Date(firing)));
    const slackCalls = shop.sandbox.state.requests.count('slack', 'POST /api/chat.postMessage');
    const again = await review(firing);
    expect(again.steps.map((st) => st.id)).toEqual(['stock-levels', 'recent-sales', 'already-drafted']);
    expect(again.output).toMatchObject({ drafted: 0, alreadyDrafted: rows.length });
    expect(await shop.db.select().from(s.purchaseOrders).where(eq(s.purchaseOrders.createdAt, new Date(firing)))).toHaveLength(rows.length);
    expect(shop.sandbox.state.requests.count('slack', 'POST /api/chat.postMessage')).toBe(slackCalls);
    expect(purchasingPosts(firing)).toHaveLength(1);
  });

  it('fails on a Slack outage after storing the orders, and a replay posts once without storing them again', { timeout: 60_000 }, async () => {
    const firing = new Date(Date.now() + 3 * 60_000).toISOString();
    shop.sandbox.faults.inject('slack', { status: 500, times: 1_000 });
    const failed = await review(firing, 'failed');
    expect(failed.error).toMatchObject({ step: 'notify-purchasing' });
    const stored = await ordersOf(kettle, firing);
    expect(stored).toHaveLength(1);
    expect(purchasingPosts(firing)).toHaveLength(0);

    shop.sandbox.faults.clear();
    await flows.replay(failed.id);
    const done = await waitFor(async () => {
      const r = await flows.get(failed.id);
      return r?.status === 'completed' ? r : undefined;
    }, 20_000, 'the replayed run');
    expect(done.steps.find((st) => st.id === 'store')?.attempts).toBe(1);
    expect(await ordersOf(kettle, firing)).toEqual(stored);
    expect(purchasingPosts(firing)).toHaveLength(1);
  });

  it('ends a run without a valid scheduledAt as a failed run that says so', async () => {
    const run = await review('last night', 'failed');
    expect(run.error?.name).toBe('InvalidFlowInputError');
    expect(run.error?.message).toContain('scheduledAt must be a valid ISO 8601 date string');
    expect(run.steps).toEqual([]);
  });
});
