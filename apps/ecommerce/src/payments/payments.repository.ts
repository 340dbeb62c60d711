import { Injectable } from '@nestjs/common';
import { and, eq, inArray, not, sql } from 'drizzle-orm';
import { InjectDb } from '../db/inject-db.decorator.js';
import type { Database } from '../db/database.types.js';
import { orders, payments } from '../db/schema.js';
import { HOLD_STATUSES } from '../fraud/fraud-decisions.repository.js';
import type { PaymentCheck } from './payment-checks.js';

export interface PaymentView {
  readonly paymentIntentId: string;
  readonly shopifyOrderId: number | null;
  readonly orderName: string | null;
  readonly orderStatus: string | null;
  readonly amountMinor: number;
  readonly currency: string;
  readonly status: string;
  readonly riskLevel: string | null;
  readonly riskScore: number | null;
  readonly checks: PaymentCheck[];
  readonly confirmationMessageId: string | null;
  readonly createdAt: string;
}

@Injectable()
export class PaymentsRepository {
  constructor(@InjectDb() private readonly db: Database) {}

  /**
   * The payment's row (one per payment intent: a re-run writes the same row) and its order's status:
   * `paid`, or `payment_review` when a check failed. A fraud hold is not overwritten by a payment.
   */
  async record(input: {
    paymentIntentId: string; orderId: number | null; customerId: number | null; amountMinor: number; currency: string;
    status: string; riskLevel: string | null; riskScore: number | null; checks: readonly PaymentCheck[];
  }): Promise<number> {
    const { paymentIntentId, ...rest } = input;
    const row = { ...rest, stripePaymentIntentId: paymentIntentId, checks: [...input.checks] };
    const [saved] = await this.db.insert(payments).values(row)
      .onConflictDoUpdate({ target: payments.stripePaymentIntentId, set: { orderId: row.orderId, customerId: row.customerId, amountMinor: row.amountMinor, currency: row.currency, status: row.status, riskLevel: row.riskLevel, riskScore: row.riskScore, checks: row.checks } })
      .returning({ id: payments.id });
    if (input.orderId !== null) {
      await this.db.update(orders).set({ status: input.status })
        .where(and(eq(orders.id, input.orderId), not(inArray(orders.status, [...HOLD_STATUSES]))));
    }
    return saved!.id;
  }

  async confirmed(paymentId: number, messageId: string): Promise<void> {
    await this.db.update(payments).set({ confirmationMessageId: sql`coalesce(${payments.confirmationMessageId}, ${messageId})` }).where(eq(payments.id, paymentId));
  }

  async one(paymentIntentId: string): Promise<PaymentView | undefined> {
    const [row] = await this.db.select({
      paymentIntentId: payments.stripePaymentIntentId, shopifyOrderId: orders.shopifyId, orderName: orders.name, orderStatus: orders.status,
      amountMinor: payments.amountMinor, currency: payments.currency, status: payments.status, riskLevel: payments.riskLevel, riskScore: payments.riskScore,
      checks: payments.checks, confirmationMessageId: payments.confirmationMessageId, createdAt: payments.createdAt,
    }).from(payments).leftJoin(orders, eq(orders.id, payments.orderId)).where(eq(payments.stripePaymentIntentId, paymentIntentId));
    return row && { ...row, checks: row.checks as PaymentCheck[], createdAt: row.createdAt.toISOString() };
  }
}
