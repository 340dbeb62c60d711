import { eq } from 'drizzle-orm';
import { connectDatabase, schema as s, type DatabaseConnection, type DatabaseDriver } from '../src/db/index.js';
import { createTestDatabase, type TestDatabase } from '../src/db/testing/test-database.js';

const CHECK_VIOLATION = '23514';
const UNIQUE_VIOLATION = '23505';

/** The SQLSTATE a query failed with (drizzle wraps the driver's error as `cause`); undefined if it succeeded. */
async function sqlState(query: PromiseLike<unknown>): Promise<string | undefined> {
  try {
    await query;
    return undefined;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? (error as { code?: string }).code;
  }
}

/** Every table written and read back through Drizzle, with the types the app will rely on. */
describe.each<DatabaseDriver>(['pglite', 'pg'])('the shop tables on %s', (driver) => {
  let target: TestDatabase;
  let connection: DatabaseConnection;
  beforeAll(async () => {
    target = await createTestDatabase(driver);
    connection = await connectDatabase(target.options);
  }, 60_000);
  afterAll(async () => {
    await connection?.close();
    await target?.drop();
  });

  it('stores an order with its customer, fraud decision and payment, and reads them back typed', async () => {
    const { db } = connection;
    const [maya] = await db.insert(s.customers).values({ shopifyId: 7_390_123_456_789, stripeId: 'cus_maya', email: 'maya@example.com', name: 'Maya' }).returning();
    const [order] = await db.insert(s.orders).values({ shopifyId: 5_501_000_000_001, name: '#1001', customerId: maya!.id, total: 129.5, currency: 'USD', tags: ['vip'] }).returning();
    const [decision] = await db.insert(s.fraudDecisions).values({ orderId: order!.id, decision: 'hold', score: 72, reasons: [{ rule: 'quantity', detail: '6 units of one item' }] }).returning();
    await db.update(s.orders).set({ fraudDecisionId: decision!.id, status: 'held', tags: ['vip', 'fraud-hold'] }).where(eq(s.orders.id, order!.id));
    await db.insert(s.payments).values({ stripePaymentIntentId: 'pi_1', orderId: order!.id, customerId: maya!.id, amountMinor: 12_950, currency: 'usd', status: 'succeeded', riskLevel: 'normal', riskScore: 12 });

    const [row] = await db.select().from(s.orders)
      .innerJoin(s.customers, eq(s.orders.customerId, s.customers.id))
      .innerJoin(s.fraudDecisions, eq(s.orders.fraudDecisionId, s.fraudDecisions.id))
      .innerJoin(s.payments, eq(s.payments.orderId, s.orders.id))
      .where(eq(s.orders.shopifyId, 5_501_000_000_001));
    expect(row!.customers).toMatchObject({ shopifyId: 7_390_123_456_789, email: 'maya@example.com' });
    expect(row!.orders).toMatchObject({ name: '#1001', status: 'held', total: 129.5, currency: 'USD', tags: ['vip', 'fraud-hold'] });
    expect(row!.orders.createdAt).toBeInstanceOf(Date);
    expect(row!.fraud_decisions).toMatchObject({ decision: 'hold', score: 72, reasons: [{ rule: 'quantity', detail: '6 units of one item' }], appliedAt: null });
    expect(row!.payments).toMatchObject({ amountMinor: 12_950, riskScore: 12, status: 'succeeded' });
  });

  it('stores reviews with analyses, tickets, recommendations and purchase orders', async () => {
    const { db } = connection;
    const [ava] = await db.insert(s.customers).values({ email: 'ava@example.com' }).returning();
    const [lamp] = await db.insert(s.products).values({ shopifyId: 632_910_392, title: 'Arc lamp', category: 'lighting', price: 89.9, stock: 3, stockThreshold: 10 }).returning();
    const [review] = await db.insert(s.reviews).values({ externalId: 'rev_1', productId: lamp!.id, customerId: ava!.id, rating: 2, title: 'Dim', body: 'Trop faible pour lire.', language: 'fr', createdAt: new Date('2026-11-20T10:00:00Z') }).returning();
    await db.insert(s.reviewAnalyses).values({ reviewId: review!.id, sentimentLabel: 'negative', sentimentScore: -0.62, topics: ['brightness'], qualityScore: 0.35, qualityFlags: ['too_short'], model: 'local' });
    await db.insert(s.tickets).values({ helpdeskId: 'tkt_1', customerId: ava!.id, subject: 'Podwójne obciążenie', body: 'Zapłaciłam dwa razy.', language: 'pl', category: 'billing', sentimentLabel: 'negative', sentimentScore: -0.7, priority: 'HIGH', escalated: true });
    await db.insert(s.recommendations).values({ customerId: ava!.id, productId: lamp!.id, score: 4.5, reasons: ['bought together with the viewed product', { ai: 'Pairs with the desk' }] });
    await db.insert(s.purchaseOrders).values({ productId: lamp!.id, quantity: 24, rationale: 'Sells 6 a week; 3 left, threshold 10.' });

    const [analysed] = await db.select().from(s.reviews).innerJoin(s.reviewAnalyses, eq(s.reviewAnalyses.reviewId, s.reviews.id)).where(eq(s.reviews.externalId, 'rev_1'));
    expect(analysed!.reviews).toMatchObject({ rating: 2, language: 'fr', createdAt: new Date('2026-11-20T10:00:00Z') });
    expect(analysed!.review_analyses).toMatchObject({ sentimentLabel: 'negative', sentimentScore: -0.62, topics: ['brightness'], qualityFlags: ['too_short'], model: 'local' });
    expect((await db.select().from(s.tickets).where(eq(s.tickets.customerId, ava!.id)))[0]).toMatchObject({ language: 'pl', category: 'billing', escalated: true });
    expect((await db.select().from(s.recommendations).where(eq(s.recommendations.customerId, ava!.id)))[0]).toMatchObject({ score: 4.5, reasons: ['bought together with the viewed product', { ai: 'Pairs with the desk' }] });
    expect((await db.select().from(s.products).where(eq(s.products.id, lamp!.id)))[0]).toMatchObject({ price: 89.9, stock: 3, stockThreshold: 10 });
    expect((await db.select().from(s.purchaseOrders).where(eq(s.purchaseOrders.productId, lamp!.id)))[0]).toMatchObject({ quantity: 24, status: 'draft' });

    // Deleting the product takes what only made sense with it: reviews, analyses, recommendations, purchase orders.
    await db.delete(s.products).where(eq(s.products.id, lamp!.id));
    expect(await db.$count(s.reviewAnalyses, eq(s.reviewAnalyses.reviewId, review!.id))).toBe(0);
    expect(await db.$count(s.recommendations, eq(s.recommendations.customerId, ava!.id))).toBe(0);
    expect(await db.$count(s.tickets, eq(s.tickets.customerId, ava!.id))).toBe(1);
  });

  it('links a flow run to the webhook events it consumed, both ways', async () => {
    const { db } = connection;
    await db.insert(s.flowRuns).values({ id: 'run_abc', flow: 'fraud-check', status: 'failed', error: { name: 'HttpError', message: '429', step: 'hold-order' } });
    await db.insert(s.flowRunEvents).values([
      { runId: 'run_abc', eventId: 'evt_order_1', source: 'shopify', type: 'orders/create' },
      { runId: 'run_abc', eventId: 'evt_pay_1', source: 'stripe', type: 'payment_intent.succeeded' },
    ]);
    const byEvent = await db.select({ run: s.flowRuns.id, status: s.flowRuns.status, error: s.flowRuns.error }).from(s.flowRunEvents)
      .innerJoin(s.flowRuns, eq(s.flowRuns.id, s.flowRunEvents.runId)).where(eq(s.flowRunEvents.eventId, 'evt_pay_1'));
    expect(byEvent).toEqual([{ run: 'run_abc', status: 'failed', error: { name: 'HttpError', message: '429', step: 'hold-order' } }]);
    expect((await db.select().from(s.flowRunEvents).where(eq(s.flowRunEvents.runId, 'run_abc'))).map((e) => e.eventId).sort()).toEqual(['evt_order_1', 'evt_pay_1']);
  });

  it('refuses rows the case study cannot mean: an unknown decision, six stars, a zero purchase order, a payment twice', async () => {
    const { db } = connection;
    const [order] = await db.insert(s.orders).values({ total: 1, currency: 'USD' }).returning();
    const [product] = await db.insert(s.products).values({ title: 'Mug' }).returning();
    expect(await sqlState(db.insert(s.fraudDecisions).values({ orderId: order!.id, decision: 'maybe' as 'hold', score: 50 }))).toBe(CHECK_VIOLATION);
    expect(await sqlState(db.insert(s.reviews).values({ externalId: 'rev_6', productId: product!.id, rating: 6, body: 'x' }))).toBe(CHECK_VIOLATION);
    expect(await sqlState(db.insert(s.purchaseOrders).values({ productId: product!.id, quantity: 0, rationale: 'none' }))).toBe(CHECK_VIOLATION);
    expect(await sqlState(db.insert(s.payments).values({ stripePaymentIntentId: 'pi_1', amountMinor: 1, currency: 'usd', status: 'succeeded' }))).toBe(UNIQUE_VIOLATION);
  });
});
