import { count, countDistinct, eq } from 'drizzle-orm';
import type { Database } from '../db/database.types.js';
import { fraudDecisions, payments, purchaseOrders, recommendations, reviewAnalyses, tickets } from '../db/schema.js';
import type { DemoResult } from './demo-driver.js';

/** What the flows left in the database, as the summary tells it. */
export interface DemoOutcomes {
  readonly heldOrders: number;
  readonly escalations: number;
  readonly reviewsAnalysed: number;
  readonly customersRecommended: number;
  readonly paymentsChecked: number;
  readonly purchaseOrders: number;
}

export async function readOutcomes(db: Database): Promise<DemoOutcomes> {
  const one = async (query: Promise<{ n: number }[]>) => Number((await query)[0]?.n ?? 0);
  const [heldOrders, escalations, reviewsAnalysed, customersRecommended, paymentsChecked, purchaseOrdersN] = await Promise.all([
    one(db.select({ n: countDistinct(fraudDecisions.orderId) }).from(fraudDecisions).where(eq(fraudDecisions.decision, 'hold'))),
    one(db.select({ n: count() }).from(tickets).where(eq(tickets.escalated, true))),
    one(db.select({ n: count() }).from(reviewAnalyses)),
    one(db.select({ n: countDistinct(recommendations.customerId) }).from(recommendations)),
    one(db.select({ n: count() }).from(payments)),
    one(db.select({ n: count() }).from(purchaseOrders)),
  ]);
  return { heldOrders, escalations, reviewsAnalysed, customersRecommended, paymentsChecked, purchaseOrders: purchaseOrdersN };
}

export interface SummaryContext {
  readonly url: string;
  readonly seed: number;
  /** True when no LLM key is set: the offline `local` provider answered. */
  readonly offline: boolean;
}

/** The narrated end of the demo: what arrived, what the flows did, what it cost, where to look. */
export function formatSummary(result: DemoResult, outcomes: DemoOutcomes, ctx: SummaryContext): string {
  const { tally, plan } = result;
  const seconds = (result.elapsedMs / 1000).toFixed(1);
  const out: string[] = [''];
  out.push(result.interrupted
    ? `aiwire demo — stopped after ${result.sent} of ${plan.actions.length} webhooks (${seconds} s, seed ${ctx.seed})`
    : `aiwire demo — ${result.sent} webhooks in ${seconds} s (seed ${ctx.seed})`, '');
  out.push('The intake answered',
    `  ${tally.accepted} accepted · ${tally.duplicates} duplicates (the same delivery again: answered 200, dropped) · ${tally.rejected} rejected (forged signatures: 401)`, '');
  out.push('Flows');
  const seen = tally.flows();
  const width = Math.max(12, ...[...seen.keys(), ...result.flows.map((f) => f.name)].map((n) => n.length));
  for (const [flow, t] of seen) {
    const extra = [t.active && `${t.active} still running`, t.parked && `${t.parked} waiting`, t.cancelled && `${t.cancelled} cancelled`].filter(Boolean).join(', ');
    out.push(`  ${flow.padEnd(width)}  ${t.completed} completed, ${t.failed} failed${extra ? `, ${extra}` : ''}`);
  }
  for (const f of result.flows) if (!seen.has(f.name)) out.push(`  ${f.name.padEnd(width)}  no runs`);
  if (seen.size === 0 && result.flows.length === 0) out.push('  (no flows registered in this build)');
  out.push('');
  out.push('What the flows did',
    `  ${outcomes.heldOrders} order(s) held for review · ${outcomes.escalations} ticket(s) escalated · ${outcomes.reviewsAnalysed} review(s) analysed`,
    `  ${outcomes.customersRecommended} customer(s) with recommendations · ${outcomes.paymentsChecked} payment(s) checked · ${outcomes.purchaseOrders} purchase order(s) drafted`, '');
  const rate = tally.ai.calls === 0 ? 0 : Math.round((tally.ai.cached / tally.ai.calls) * 100);
  out.push(`AI: ${tally.ai.calls} request(s), ${tally.ai.calls - tally.ai.cached} sent to the model and ${tally.ai.cached} answered by the AI cache (${rate}%), ${tally.ai.errors} failed, cost $${tally.ai.costUsd.toFixed(4)}${ctx.offline ? ' — the offline `local` provider; set OPENAI_API_KEY (or ANTHROPIC_API_KEY, OPENAI_BASE_URL) to use a model' : ''}`);
  out.push(`Dead letters: ${result.deadLetters}`, '');
  if (result.failures.length > 0 && !result.interrupted) out.push('Not as it should be:', ...result.failures.map((f) => `  ✗ ${f}`), '');
  out.push('Look around', `  dashboard  ${ctx.url}/`, `  API docs   ${ctx.url}/docs`, `  admin      ${ctx.url}/admin  (queues, dead letters, flow runs)`, '');
  return out.join('\n');
}
