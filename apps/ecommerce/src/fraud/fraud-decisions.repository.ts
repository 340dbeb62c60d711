import { Injectable } from '@nestjs/common';
import { desc, eq, sql } from 'drizzle-orm';
import { InjectDb } from '../db/inject-db.decorator.js';
import type { Database } from '../db/database.types.js';
import { fraudDecisions, orders, type FraudDecision } from '../db/schema.js';

/** One line of a decision's explanation: a rule that fired, what the AI read, or the LLM's paragraph. */
export interface FraudReason {
  readonly kind: 'rule' | 'ai' | 'explanation';
  readonly text: string;
}

/** An order as the orders API shows it: our status and tags, with the decision in force. */
export interface OrderView {
  readonly shopifyOrderId: number;
  readonly name: string | null;
  readonly status: string;
  readonly total: number;
  readonly currency: string;
  readonly tags: string[];
  readonly decision: FraudDecision | null;
  readonly score: number | null;
  readonly reasons: FraudReason[];
  readonly appliedAt: string | null;
  readonly createdAt: string;
}

/** Statuses a fraud hold leaves; a payment does not overwrite them (see PaymentsRepository). */
export const HOLD_STATUSES = ['on_hold', 'needs_manual_hold'] as const;

@Injectable()
export class FraudDecisionsRepository {
  constructor(@InjectDb() private readonly db: Database) {}

  /** Records the decision and makes it the order's decision in force. */
  async record(orderId: number, decision: FraudDecision, score: number, reasons: readonly FraudReason[]): Promise<number> {
    const [row] = await this.db.insert(fraudDecisions).values({ orderId, decision, score, reasons: [...reasons] }).returning({ id: fraudDecisions.id });
    await this.db.update(orders).set({ fraudDecisionId: row!.id }).where(eq(orders.id, orderId));
    return row!.id;
  }

  /**
   * The decision as carried out in Shopify: the order's status and tags, and `applied_at` when
   * `applied` (a hold Shopify refused is not applied). An approval does not overwrite a status a
   * payment already set (`paid`, `payment_review`).
   */
  async applied(decisionId: number, orderId: number, outcome: { status: string; tags: readonly string[]; applied: boolean }): Promise<void> {
    const status = outcome.status === 'approved' ? sql`CASE WHEN ${orders.status} = 'open' THEN 'approved' ELSE ${orders.status} END` : outcome.status;
    await this.db.update(orders).set({ status, tags: [...outcome.tags] }).where(eq(orders.id, orderId));
    if (outcome.applied) await this.db.update(fraudDecisions).set({ appliedAt: sql`coalesce(${fraudDecisions.appliedAt}, now())` }).where(eq(fraudDecisions.id, decisionId));
  }

  async list(filter: { status?: string; limit?: number } = {}): Promise<OrderView[]> {
    const rows = await this.query().where(filter.status ? eq(orders.status, filter.status) : undefined).orderBy(desc(orders.createdAt)).limit(filter.limit ?? 100);
    return rows.map(view);
  }

  async one(shopifyOrderId: number): Promise<OrderView | undefined> {
    const [row] = await this.query().where(eq(orders.shopifyId, shopifyOrderId));
    return row && view(row);
  }

  private query() {
    return this.db.select({
      shopifyOrderId: orders.shopifyId, name: orders.name, status: orders.status, total: orders.total, currency: orders.currency, tags: orders.tags, createdAt: orders.createdAt,
      decision: fraudDecisions.decision, score: fraudDecisions.score, reasons: fraudDecisions.reasons, appliedAt: fraudDecisions.appliedAt,
    }).from(orders).leftJoin(fraudDecisions, eq(fraudDecisions.id, orders.fraudDecisionId)).$dynamic();
  }
}

type Row = Awaited<ReturnType<ReturnType<FraudDecisionsRepository['query']>['execute']>>[number];

function view(row: Row): OrderView {
  return {
    shopifyOrderId: row.shopifyOrderId!, name: row.name, status: row.status, total: row.total, currency: row.currency, tags: row.tags,
    decision: row.decision, score: row.score, reasons: (row.reasons ?? []) as FraudReason[],
    appliedAt: row.appliedAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString(),
  };
}
