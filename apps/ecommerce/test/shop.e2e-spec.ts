import { eq, sql } from 'drizzle-orm';
import type { DatabaseDriver } from '../src/db/index.js';
import { schema as s } from '../src/db/index.js';
import { DEMO_SECRETS, type RunningShop } from '../src/shop/start-shop.js';
import { startTestShop } from './test-shop.js';
import { ShopRepository } from '../src/shop/shop.repository.js';
import { CapturingLogger } from '../../../test/support/capturing-logger.js';

/** The shop boots on each database and records what the intake answered. */
describe.each<DatabaseDriver>(['pglite', 'pg'])('the shop on %s', (driver) => {
  let shop: RunningShop;
  const logger = new CapturingLogger();

  beforeAll(async () => {
    shop = await startTestShop(driver, { logger });
  }, 60_000);
  afterAll(async () => {
    await shop?.close();
  });

  it('answers its health check and serves /metrics', async () => {
    expect((await fetch(`${shop.url}/health/ready`)).status).toBe(200);
    expect(await (await fetch(`${shop.url}/metrics`)).text()).toContain('aiwire_');
  });

  it('records a forged delivery as rejected and a signed one as accepted, with its event id', async () => {
    const forged = await fetch(`${shop.url}/webhooks/storefront`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'webhook-id': 'msg_forged', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,AAAA' },
      body: JSON.stringify({ type: 'product.viewed', timestamp: new Date().toISOString(), data: { customer_id: 1, product_id: 2 } }),
    });
    expect(forged.status).toBe(401);
    const signed = await shop.sandbox.sendWebhook(`${shop.url}/webhooks/storefront`, 'standard', { type: 'store.opened', payload: { at: 'now' } }, DEMO_SECRETS.storefront);
    expect(signed.status).toBeLessThan(300);
    await shop.recorded();
    const rows = await shop.db.select().from(s.webhookEvents).where(eq(s.webhookEvents.source, 'storefront'));
    expect(rows.map((r) => [r.outcome, r.status])).toEqual([['invalid_signature', 401], ['accepted', signed.status]]);
    expect(rows[0]!.eventId).toBeNull();
    expect(rows[1]!.eventId).toEqual(expect.any(String));
    expect(rows[1]!.type).toBe('store.opened');
  });

  it('joins one person known to Shopify, Stripe and the helpdesk into one customer row', async () => {
    const repo = shop.app.get(ShopRepository);
    const fromShopify = await repo.upsertCustomer({ shopifyId: 42, email: 'Ada@Example.com', name: 'Ada L' });
    const fromStripe = await repo.upsertCustomer({ stripeId: 'cus_ada', email: 'ada@example.com' });
    const fromHelpdesk = await repo.upsertCustomer({ email: 'ada@example.com ' });
    expect(new Set([fromShopify, fromStripe, fromHelpdesk]).size).toBe(1);
    const [row] = await shop.db.select().from(s.customers).where(eq(s.customers.id, fromShopify!));
    expect(row).toMatchObject({ shopifyId: 42, stripeId: 'cus_ada', email: 'ada@example.com', name: 'Ada L' });
    expect(await repo.upsertCustomer({})).toBeUndefined();
  });

  it('a delivery it cannot record is still answered 202 and logged as not recorded; recording resumes once the table is back', async () => {
    await shop.db.execute(sql`ALTER TABLE webhook_events RENAME TO webhook_events_away`);
    try {
      const answer = await shop.sandbox.sendWebhook(`${shop.url}/webhooks/storefront`, 'standard', { type: 'store.closed', payload: {} }, DEMO_SECRETS.storefront);
      expect(answer.status).toBe(202);
      await shop.recorded();
      expect(logger.lines.filter((l) => l.level === 'warn' && l.context === 'ActivityRecorder').map((l) => l.message)).toEqual([expect.stringMatching(/^Could not record a webhook delivery: /)]);
    } finally {
      await shop.db.execute(sql`ALTER TABLE webhook_events_away RENAME TO webhook_events`);
    }
    const again = await shop.sandbox.sendWebhook(`${shop.url}/webhooks/storefront`, 'standard', { type: 'store.reopened', payload: {} }, DEMO_SECRETS.storefront);
    await shop.recorded();
    const rows = await shop.db.select().from(s.webhookEvents).where(eq(s.webhookEvents.type, 'store.reopened'));
    expect(rows.map((r) => [r.outcome, r.status])).toEqual([['accepted', again.status]]);
    expect(await shop.db.select().from(s.webhookEvents).where(eq(s.webhookEvents.type, 'store.closed'))).toEqual([]);
  });
});
