import { asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database.types.js';
import { customers, flowRuns, fraudDecisions, orders, products, reviewAnalyses, reviews, webhookEvents } from '../db/schema.js';
import { ACTIVE_STATUSES, DASHBOARD_LIMITS } from './dashboard.constants.js';
import type { DashboardFiguresDto, FlowCountDto, FlowFiguresDto, HeldOrdersDto, ProductSentimentDto, WebhookFiguresDto } from './dto/dashboard-figures.dto.js';
import { runSummary } from './run-summary.js';

/** The figures the database holds (the rest come from the metrics registry and the queues). */
export type ActivityFigures = Pick<DashboardFiguresDto, 'webhooks' | 'flows' | 'sentiment' | 'heldOrders' | 'recentRuns'>;

const toFloat = (expression: SQL) => sql<number | null>`${expression}::float8`.mapWith(Number);
const round = (value: number | null, decimals: number) => (value === null ? null : Number(value.toFixed(decimals)));
const countWhere = (condition: SQL) => sql<number>`count(*) filter (where ${condition})`.mapWith(Number);

/**
 * Every database figure of the dashboard, read in one read-only REPEATABLE READ transaction so the
 * cards agree with each other while the demo keeps writing.
 */
export function activityFigures(db: Database, now = new Date()): Promise<ActivityFigures> {
  return db.transaction(async (tx) => ({
    webhooks: await webhookFigures(tx),
    flows: await flowFigures(tx),
    sentiment: await sentimentFigures(tx),
    heldOrders: await heldOrders(tx),
    recentRuns: (await tx.select().from(flowRuns).orderBy(desc(flowRuns.startedAt), desc(flowRuns.id)).limit(DASHBOARD_LIMITS.recentRuns)).map((row) => runSummary(row, now)),
  }), { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

async function webhookFigures(db: Database): Promise<WebhookFiguresDto> {
  const counts = await db.select({ source: webhookEvents.source, outcome: webhookEvents.outcome, count: count() })
    .from(webhookEvents).groupBy(webhookEvents.source, webhookEvents.outcome).orderBy(asc(webhookEvents.source), asc(webhookEvents.outcome));
  const of = (outcome: string) => counts.filter((c) => c.outcome === outcome).reduce((n, c) => n + c.count, 0);
  const total = counts.reduce((n, c) => n + c.count, 0);
  const accepted = of('accepted');
  const duplicate = of('duplicate');
  return { total, accepted, duplicate, rejected: total - accepted - duplicate, counts };
}

async function flowFigures(db: Database): Promise<FlowFiguresDto> {
  const rows = await db.select({ flow: flowRuns.flow, status: flowRuns.status, count: count() }).from(flowRuns).groupBy(flowRuns.flow, flowRuns.status);
  const byFlow = new Map<string, FlowCountDto>();
  for (const { flow, status, count: n } of rows) {
    const entry = byFlow.get(flow) ?? { flow, completed: 0, failed: 0, running: 0, cancelled: 0, total: 0 };
    if (status === 'completed' || status === 'failed' || status === 'cancelled') entry[status] += n;
    else if ((ACTIVE_STATUSES as readonly string[]).includes(status)) entry.running += n;
    entry.total += n;
    byFlow.set(flow, entry);
  }
  const flows = [...byFlow.values()].sort((a, b) => a.flow.localeCompare(b.flow));
  const sum = (key: 'completed' | 'failed' | 'running' | 'total') => flows.reduce((n, f) => n + f[key], 0);
  return { completed: sum('completed'), failed: sum('failed'), running: sum('running'), total: sum('total'), flows };
}

async function sentimentFigures(db: Database): Promise<ProductSentimentDto[]> {
  const label = reviewAnalyses.sentimentLabel;
  const rows = await db.select({
    productId: products.id, title: products.title, reviews: count(reviews.id), analysed: count(reviewAnalyses.id),
    meanSentiment: toFloat(sql`avg(${reviewAnalyses.sentimentScore})`), meanRating: toFloat(sql`avg(${reviews.rating})`),
    positive: countWhere(sql`${label} = 'positive'`), neutral: countWhere(sql`${label} = 'neutral'`), negative: countWhere(sql`${label} = 'negative'`),
  })
    .from(reviews).innerJoin(products, eq(products.id, reviews.productId)).leftJoin(reviewAnalyses, eq(reviewAnalyses.reviewId, reviews.id))
    .groupBy(products.id, products.title).orderBy(desc(count(reviews.id)), asc(products.title), asc(products.id)).limit(DASHBOARD_LIMITS.products);
  return rows.map((r) => ({ ...r, meanSentiment: round(r.meanSentiment, 3), meanRating: round(r.meanRating, 2) }));
}

async function heldOrders(db: Database): Promise<HeldOrdersDto> {
  const held = eq(orders.status, 'on_hold');
  // The decision in force; an order the fraud flow has not linked yet shows its latest decision.
  const decision = sql`coalesce(${orders.fraudDecisionId}, (select d.id from ${fraudDecisions} d where d.order_id = ${orders.id} order by d.created_at desc, d.id desc limit 1))`;
  const rows = await db.select({
    orderId: orders.id, name: orders.name, shopifyId: orders.shopifyId, total: orders.total, currency: orders.currency, updatedAt: orders.updatedAt,
    customerEmail: customers.email, score: fraudDecisions.score, reasons: fraudDecisions.reasons,
  })
    .from(orders).leftJoin(customers, eq(customers.id, orders.customerId)).leftJoin(fraudDecisions, eq(fraudDecisions.id, decision))
    .where(held).orderBy(desc(orders.updatedAt), desc(orders.id)).limit(DASHBOARD_LIMITS.heldOrders);
  const [total] = await db.select({ n: count() }).from(orders).where(held);
  return {
    total: total?.n ?? 0,
    orders: rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString(), reasons: (r.reasons ?? []).map(reasonText) })),
  };
}

/** A fraud reason as text: the rules write strings; an object's `reason`/`message`/`detail`, else its JSON. */
export function reasonText(reason: unknown): string {
  if (typeof reason === 'string') return reason;
  if (reason !== null && typeof reason === 'object') {
    const fields = reason as Record<string, unknown>;
    for (const key of ['reason', 'message', 'detail', 'text']) if (typeof fields[key] === 'string') return fields[key];
  }
  return JSON.stringify(reason) ?? String(reason);
}
