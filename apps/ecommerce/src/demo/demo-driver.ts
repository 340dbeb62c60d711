import { setTimeout as sleep } from 'node:timers/promises';
import type { Queue } from 'bull';
import { WEBHOOK_QUEUE, WebhookAdminService } from '@aiwire/webhooks';
import { FLOWS_QUEUE, FlowsService } from '@aiwire/flows';
import type { RunningShop } from '../shop/start-shop.js';
import { DEMO_SECRETS } from '../shop/start-shop.js';
import { catalogFrom } from './demo-catalog.js';
import { planDemo, type DemoPlan } from './demo-plan.js';
import { DemoSender } from './demo-sender.js';
import { DemoTally } from './demo-tally.js';
import { DemoProgress, type ProgressStream } from './demo-progress.js';
import { registeredFlows, type RegisteredFlow } from './registered-flows.js';

export interface DemoOptions {
  /** `DEMO_EVENTS`: deliveries in all. @default 300 */
  readonly events: number;
  /** `DEMO_SECONDS`: over how long. @default 60 */
  readonly seconds: number;
  /** `DEMO_SEED`: the same seed plays the same demo. @default 13 */
  readonly seed: number;
  /** How long to wait, after the last delivery, for the workers to finish. @default 120000 */
  readonly settleTimeoutMs?: number;
  /** Where the progress goes. @default process.stdout */
  readonly out?: ProgressStream;
}

export interface DemoResult {
  readonly plan: DemoPlan;
  readonly tally: DemoTally;
  readonly flows: readonly RegisteredFlow[];
  readonly sent: number;
  readonly sendErrors: readonly string[];
  readonly deadLetters: number;
  /** Every accepted event handled and no run left queued or running. */
  readonly settled: boolean;
  readonly interrupted: boolean;
  readonly elapsedMs: number;
  /** Why the demo did not go as it should; empty when it did. */
  readonly failures: readonly string[];
}

/**
 * Plays a morning at the shop against a running shop (ROLE=all: this process takes the webhooks
 * and runs the workers) and waits until the workers have handled everything it sent. `signal`
 * stops it early (Ctrl+C): what was sent stays sent, the wait ends.
 */
export async function playDemo(shop: RunningShop, options: DemoOptions, signal?: AbortSignal): Promise<DemoResult> {
  const started = Date.now();
  const plan = planDemo(options, catalogFrom(shop.sandbox));
  const flows = registeredFlows(shop.app);
  const tally = new DemoTally().start();
  const progress = new DemoProgress(options.out ?? process.stdout, plan.actions.length, tally).start();
  const sender = new DemoSender({ sandbox: shop.sandbox, webhookUrl: shop.config.publicWebhookUrl, secrets: DEMO_SECRETS }, `${process.pid.toString(36)}${started.toString(36)}`);
  const sendErrors: string[] = [];
  let sent = 0;
  let settled = false;
  try {
    for (const [index, action] of plan.actions.entries()) {
      const wait = started + action.atMs - Date.now();
      if (wait > 0) await sleep(wait, undefined, { signal }).catch(() => undefined);
      if (signal?.aborted) break;
      try {
        const result = await sender.send(action, index, plan.actions);
        if ('status' in result && result.status >= 500) sendErrors.push(`${action.kind} → ${result.source} answered ${result.status}`);
      } catch (error) {
        if (signal?.aborted) break;
        sendErrors.push(`${action.kind}: ${(error as Error).message}`);
      }
      progress.update(++sent);
    }
    if (!signal?.aborted) await startScheduledFlows(shop, flows, started);
    progress.update(sent, 'waiting for the workers');
    if (!signal?.aborted) settled = await settle(shop, tally, options.settleTimeoutMs ?? 120_000, signal);
    await shop.recorded();
  } finally {
    progress.stop();
    tally.stop();
  }
  const deadLetters = await shop.app.get(WebhookAdminService, { strict: false }).deadLetterCount();
  const interrupted = signal?.aborted ?? false;
  const failures = interrupted ? ['interrupted'] : judge(plan, tally, { sendErrors, deadLetters, settled, settleTimeoutMs: options.settleTimeoutMs ?? 120_000 });
  return { plan, tally, flows, sent, sendErrors, deadLetters, settled, interrupted, elapsedMs: Date.now() - started, failures };
}

/**
 * The nightly stock review would wait for 02:00: the demo starts one run of each scheduled flow
 * by hand, after running two products low (a supplier is late), so the review has work to do.
 */
async function startScheduledFlows(shop: RunningShop, flows: readonly RegisteredFlow[], started: number): Promise<void> {
  const scheduled = flows.filter((f) => f.scheduled);
  if (scheduled.length === 0) return;
  const products = [...shop.sandbox.state.shopify.products.values()].sort((a, b) => a.id - b.id);
  for (const p of products.slice(0, 2)) shop.sandbox.state.shopify.setInventory(p.id, 2);
  const service = shop.app.get(FlowsService, { strict: false });
  const scheduledAt = new Date().toISOString();
  for (const flow of scheduled) await service.start(flow.name, { scheduledAt }, { id: `demo:${flow.name}:${started}` });
}

/** Waits until the helpdesk delivered everything, the webhook queue is empty and no run is queued or running. */
async function settle(shop: RunningShop, tally: DemoTally, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  const webhooks = shop.app.get<Queue>(WEBHOOK_QUEUE, { strict: false });
  const runs = shop.app.get<Queue>(FLOWS_QUEUE, { strict: false });
  const deadline = Date.now() + timeoutMs;
  await Promise.race([shop.sandbox.whenIdle(), sleep(timeoutMs, undefined, { signal }).catch(() => undefined)]);
  let quiet = 0;
  while (!signal?.aborted && Date.now() < deadline) {
    const [w, r] = await Promise.all([webhooks.getJobCounts(), runs.getJobCounts()]);
    const busy = w.waiting + w.active + w.delayed + r.waiting + r.active + tally.activeRuns();
    // Twice in a row: a handler finishing may start a run a moment later.
    quiet = busy === 0 ? quiet + 1 : 0;
    if (quiet >= 2) return true;
    await sleep(250, undefined, { signal }).catch(() => undefined);
  }
  return false;
}

function judge(plan: DemoPlan, tally: DemoTally, o: { sendErrors: readonly string[]; deadLetters: number; settled: boolean; settleTimeoutMs: number }): string[] {
  const failures: string[] = [];
  const { expected } = plan;
  if (tally.accepted !== expected.accepted || tally.duplicates !== expected.duplicates || tally.rejected !== expected.rejected) {
    failures.push(`the intake answered ${tally.accepted} accepted / ${tally.duplicates} duplicates / ${tally.rejected} rejected; expected ${expected.accepted} / ${expected.duplicates} / ${expected.rejected}`);
  }
  const wrongRejections = [...tally.rejections.keys()].filter((k) => !k.endsWith(' 401 invalid_signature'));
  if (wrongRejections.length > 0) failures.push(`unexpected intake answers: ${wrongRejections.join(', ')}`);
  if (o.sendErrors.length > 0) failures.push(`${o.sendErrors.length} deliveries failed: ${o.sendErrors.slice(0, 3).join('; ')}`);
  if (!o.settled) failures.push(`the workers had not finished ${Math.round(o.settleTimeoutMs / 1000)} s after the last event (${tally.activeRuns()} runs still running)`);
  for (const [flow, t] of tally.flows()) {
    if (t.failed === 0) continue;
    const first = [...tally.runs.values()].find((r) => r.flow === flow && r.status === 'failed')?.error;
    failures.push(`${t.failed} run(s) of ${flow} failed${first ? ` (first: ${first.slice(0, 160)})` : ''}`);
  }
  if (o.deadLetters > 0) failures.push(`${o.deadLetters} dead letter(s)`);
  return failures;
}
