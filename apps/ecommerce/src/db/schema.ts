import { sql } from 'drizzle-orm';
import {
  bigint, boolean, check, doublePrecision, index, integer, jsonb, numeric, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';

// The shop's rows. One file on purpose: drizzle-kit reads it to generate drizzle/*.sql, so adding a
// column is: edit here, `npx drizzle-kit generate` (see drizzle.config.ts), commit the new SQL file.
// Every table has an internal identity key; ids of the outside systems (Shopify, Stripe, the
// helpdesk) are unique columns, because one customer is known to several of them.

const id = () => integer('id').primaryKey().generatedAlwaysAsIdentity();
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow().$onUpdate(() => new Date());
const tags = () => text('tags').array().notNull().default(sql`'{}'::text[]`);

export type SentimentLabel = 'positive' | 'neutral' | 'negative';
export type FraudDecision = 'approve' | 'hold';
export type FlowRunStatus = 'queued' | 'running' | 'sleeping' | 'waiting' | 'completed' | 'failed' | 'cancelled';
const sentimentCheck = (column: AnyPgColumn) => sql`${column} IN ('positive', 'neutral', 'negative')`;

export const customers = pgTable('customers', {
  id: id(),
  /** Null for people we only know from a review, a ticket or a payment. */
  shopifyId: bigint('shopify_id', { mode: 'number' }).unique(),
  stripeId: text('stripe_id').unique(),
  email: text('email').unique(),
  name: text('name'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const products = pgTable('products', {
  id: id(),
  shopifyId: bigint('shopify_id', { mode: 'number' }).unique(),
  title: text('title').notNull(),
  category: text('category'),
  price: numeric('price', { precision: 12, scale: 2, mode: 'number' }),
  stock: integer('stock').notNull().default(0),
  /** The nightly stock review drafts a purchase order when `stock` falls below this. */
  stockThreshold: integer('stock_threshold').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const orders = pgTable('orders', {
  id: id(),
  shopifyId: bigint('shopify_id', { mode: 'number' }).unique(),
  /** Shopify's display name, e.g. `#1001`. */
  name: text('name'),
  customerId: integer('customer_id').references(() => customers.id, { onDelete: 'set null' }),
  status: text('status').notNull().default('open'),
  /** In the currency's major unit, as Shopify sends `total_price`. */
  total: numeric('total', { precision: 12, scale: 2, mode: 'number' }).notNull(),
  currency: text('currency').notNull(),
  tags: tags(),
  /** The decision in force; an order may be assessed again, so history stays in fraud_decisions. */
  fraudDecisionId: integer('fraud_decision_id').references((): AnyPgColumn => fraudDecisions.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [index('orders_customer_id_idx').on(t.customerId, t.createdAt)]);

export const fraudDecisions = pgTable('fraud_decisions', {
  id: id(),
  orderId: integer('order_id').notNull().references((): AnyPgColumn => orders.id, { onDelete: 'cascade' }),
  decision: text('decision').$type<FraudDecision>().notNull(),
  /** 0 (no risk) to 100. */
  score: integer('score').notNull(),
  /** The explainable rules that fired and what the AI added, free-form for the dashboard. */
  reasons: jsonb('reasons').$type<unknown[]>().notNull().default(sql`'[]'::jsonb`),
  /** When the decision was carried out in Shopify (tags, hold); null until then. */
  appliedAt: timestamp('applied_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [
  index('fraud_decisions_order_id_idx').on(t.orderId),
  check('fraud_decisions_decision_check', sql`${t.decision} IN ('approve', 'hold')`),
  check('fraud_decisions_score_check', sql`${t.score} BETWEEN 0 AND 100`),
]);

export const payments = pgTable('payments', {
  id: id(),
  stripePaymentIntentId: text('stripe_payment_intent_id').notNull().unique(),
  /** Null while the payment cannot be matched to an order. */
  orderId: integer('order_id').references(() => orders.id, { onDelete: 'set null' }),
  customerId: integer('customer_id').references(() => customers.id, { onDelete: 'set null' }),
  /** In the currency's minor unit, as Stripe sends `amount` (converting needs each currency's exponent). */
  amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
  currency: text('currency').notNull(),
  status: text('status').notNull(),
  /** Stripe's `outcome.risk_level` and `risk_score`, when the charge has them. */
  riskLevel: text('risk_level'),
  riskScore: smallint('risk_score'),
  /** What the payment was checked against (the order's amount, currency and customer; Stripe's risk), each `{ check, ok, detail }`. */
  checks: jsonb('checks').$type<unknown[]>().notNull().default(sql`'[]'::jsonb`),
  /** The helpdesk message that confirmed the payment to the customer; null until sent. */
  confirmationMessageId: text('confirmation_message_id'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [index('payments_order_id_idx').on(t.orderId), index('payments_customer_id_idx').on(t.customerId)]);

export const reviews = pgTable('reviews', {
  id: id(),
  /** The review platform's id. */
  externalId: text('external_id').notNull().unique(),
  productId: integer('product_id').notNull().references(() => products.id, { onDelete: 'cascade' }),
  customerId: integer('customer_id').references(() => customers.id, { onDelete: 'set null' }),
  rating: smallint('rating').notNull(),
  title: text('title').notNull().default(''),
  body: text('body').notNull(),
  /** ISO 639-1, `und` when unknown. */
  language: text('language'),
  /** When the customer wrote it (the platform's time); the summary's weekly trend uses it. */
  createdAt: createdAt(),
}, (t) => [
  index('reviews_product_id_idx').on(t.productId, t.createdAt),
  check('reviews_rating_check', sql`${t.rating} BETWEEN 1 AND 5`),
]);

/** One analysis per review: analysing again replaces it (upsert on review_id). */
export const reviewAnalyses = pgTable('review_analyses', {
  id: id(),
  reviewId: integer('review_id').notNull().unique().references(() => reviews.id, { onDelete: 'cascade' }),
  sentimentLabel: text('sentiment_label').$type<SentimentLabel>().notNull(),
  /** -1 (very negative) to 1 (very positive). */
  sentimentScore: doublePrecision('sentiment_score').notNull(),
  topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
  /** 0 (useless) to 1, with the moderator's flags. */
  qualityScore: doublePrecision('quality_score').notNull(),
  qualityFlags: text('quality_flags').array().notNull().default(sql`'{}'::text[]`),
  /** Provider and model that produced it, e.g. `local` or `openai:gpt-4o-mini`. */
  model: text('model').notNull(),
  createdAt: createdAt(),
}, (t) => [
  check('review_analyses_sentiment_label_check', sentimentCheck(t.sentimentLabel)),
  check('review_analyses_sentiment_score_check', sql`${t.sentimentScore} BETWEEN -1 AND 1`),
]);

export const tickets = pgTable('tickets', {
  id: id(),
  helpdeskId: text('helpdesk_id').notNull().unique(),
  customerId: integer('customer_id').references(() => customers.id, { onDelete: 'set null' }),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  language: text('language'),
  category: text('category'),
  sentimentLabel: text('sentiment_label').$type<SentimentLabel>(),
  sentimentScore: doublePrecision('sentiment_score'),
  priority: text('priority'),
  /** The AI summary (of the ticket and the customer's history) sent with an escalation. */
  summary: text('summary'),
  escalated: boolean('escalated').notNull().default(false),
  crmTicketId: text('crm_ticket_id'),
  /** The CRM ticket opened when the ticket was escalated. */
  escalationTicketId: text('escalation_ticket_id'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  index('tickets_customer_id_idx').on(t.customerId),
  check('tickets_sentiment_label_check', sentimentCheck(t.sentimentLabel)),
]);

/** The current recommendations of each customer: recomputing replaces the customer's rows. */
export const recommendations = pgTable('recommendations', {
  id: id(),
  customerId: integer('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
  productId: integer('product_id').notNull().references(() => products.id, { onDelete: 'cascade' }),
  score: doublePrecision('score').notNull(),
  /** Why, as shown to the customer and on the dashboard (rules, AI explanation). */
  reasons: jsonb('reasons').$type<unknown[]>().notNull().default(sql`'[]'::jsonb`),
  /** The LLM's one-line explanation, when an LLM provider re-ranked the list. */
  explanation: text('explanation'),
  /** The product whose view computed this list. */
  viewedProductId: integer('viewed_product_id').references(() => products.id, { onDelete: 'set null' }),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  // Leads with customer_id, so it also serves "recommendations of a customer".
}, (t) => [uniqueIndex('recommendations_customer_product_idx').on(t.customerId, t.productId)]);

export const purchaseOrders = pgTable('purchase_orders', {
  id: id(),
  productId: integer('product_id').notNull().references(() => products.id, { onDelete: 'cascade' }),
  quantity: integer('quantity').notNull(),
  /** The AI's reasoning from the sales trend, as posted to #purchasing. */
  rationale: text('rationale').notNull(),
  status: text('status').notNull().default('draft'),
  createdAt: createdAt(),
}, (t) => [
  index('purchase_orders_product_id_idx').on(t.productId),
  check('purchase_orders_quantity_check', sql`${t.quantity} > 0`),
]);

/** A run of an `@aiwire/flows` flow, mirrored here so the dashboard can list and link runs. */
export const flowRuns = pgTable('flow_runs', {
  /** The run id `@aiwire/flows` gave it. */
  id: text('id').primaryKey(),
  flow: text('flow').notNull(),
  status: text('status').$type<FlowRunStatus>().notNull(),
  /** `webhook`, `cron`, `event` or `start`. */
  trigger: text('trigger'),
  /** `{ name, message, step }` of a failed run. */
  error: jsonb('error'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  /** When the status last changed: an older change arriving late (another process) does not overwrite a newer one. */
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('flow_runs_flow_started_idx').on(t.flow, t.startedAt)]);

/** Which webhook events a run consumed (its trigger, and events it waited for): both ways clickable. */
export const flowRunEvents = pgTable('flow_run_events', {
  runId: text('run_id').notNull().references(() => flowRuns.id, { onDelete: 'cascade' }),
  /** The webhook event id (the de-duplication id of `@aiwire/webhooks`). */
  eventId: text('event_id').notNull(),
  source: text('source').notNull(),
  type: text('type').notNull(),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.runId, t.eventId] }), index('flow_run_events_event_id_idx').on(t.eventId)]);

/**
 * Every delivery the intake answered, as `aiwire:webhook:intake` reports it: the dashboard's counts
 * by source and outcome, and the events a flow run links to. Forged and rate-limited deliveries
 * have no event id (they were answered before one was known).
 */
export const webhookEvents = pgTable('webhook_events', {
  id: id(),
  eventId: text('event_id'),
  source: text('source').notNull(),
  type: text('type'),
  /** `accepted`, `duplicate`, `invalid_signature`, `rate_limited`, `invalid_payload`, … */
  outcome: text('outcome').notNull(),
  /** The HTTP status the intake answered. */
  status: smallint('status').notNull(),
  durationMs: doublePrecision('duration_ms').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('webhook_events_event_id_idx').on(t.eventId), index('webhook_events_received_at_idx').on(t.receivedAt)]);
