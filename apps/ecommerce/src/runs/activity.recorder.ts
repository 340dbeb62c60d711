import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { and, lte, sql } from 'drizzle-orm';
import { intakeChannel, type WebhookIntakeMessage } from '@aiwire/webhooks';
import { FlowsService, flowRunChannel, type FlowRunMessage } from '@aiwire/flows';
import { InjectDb } from '../db/inject-db.decorator.js';
import type { Database } from '../db/database.types.js';
import { flowRunEvents, flowRuns, webhookEvents } from '../db/schema.js';

const FINISHED = new Set(['completed', 'failed', 'cancelled']);

/**
 * Mirrors what the libraries report on `diagnostics_channel` into rows: each webhook delivery the
 * intake answered (`webhook_events`) and each flow run's status (`flow_runs`), with the webhook
 * event that started it (`flow_run_events`). The dashboard and the runs API read these rows, so
 * every process (API or worker) records what it saw into the one database.
 *
 * Writes are queued in order per run and never block the library that published; a failed write
 * is logged, not thrown (the run itself is in Redis either way).
 */
@Injectable()
export class ActivityRecorder implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ActivityRecorder.name);
  private readonly chains = new Map<string, Promise<void>>();

  private readonly onIntake = (m: WebhookIntakeMessage): void => {
    this.enqueue('intake', () => this.recordIntake(m, new Date()));
  };

  private readonly onRun = (m: FlowRunMessage): void => {
    this.enqueue(m.runId, () => this.recordRun(m, new Date()));
  };

  constructor(
    @InjectDb() private readonly db: Database,
    private readonly flows: FlowsService,
  ) {}

  onModuleInit(): void {
    intakeChannel.subscribe(this.onIntake);
    flowRunChannel.subscribe(this.onRun);
  }

  async onModuleDestroy(): Promise<void> {
    intakeChannel.unsubscribe(this.onIntake);
    flowRunChannel.unsubscribe(this.onRun);
    await this.whenIdle();
  }

  /** Resolves when every write queued so far has landed (tests, shutdown). */
  async whenIdle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all(this.chains.values());
  }

  private enqueue(key: string, write: () => Promise<void>): void {
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.then(write).catch((error: unknown) => {
      this.logger.warn(`Could not record ${key === 'intake' ? 'a webhook delivery' : `flow run ${key}`}: ${(error as Error).message}`);
    });
    this.chains.set(key, next);
    void next.then(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
  }

  private async recordIntake(m: WebhookIntakeMessage, at: Date): Promise<void> {
    await this.db.insert(webhookEvents).values({
      eventId: m.eventId ?? null, source: m.source, type: m.type ?? null, outcome: m.outcome, status: m.status, durationMs: m.durationMs, receivedAt: at,
    });
  }

  private async recordRun(m: FlowRunMessage, at: Date): Promise<void> {
    const finished = FINISHED.has(m.status);
    const error = m.status === 'failed' ? { message: m.error ?? 'failed' } : null;
    const [inserted] = await this.db.insert(flowRuns)
      .values({ id: m.runId, flow: m.flow, status: m.status, trigger: m.trigger, error, startedAt: at, finishedAt: finished ? at : null, updatedAt: at })
      .onConflictDoUpdate({
        target: flowRuns.id,
        set: { status: m.status, error, finishedAt: finished ? at : null, updatedAt: at },
        // A change another process recorded later wins over this one arriving late.
        setWhere: and(lte(flowRuns.updatedAt, at)),
      })
      .returning({ fresh: sql<boolean>`(xmax = 0)` });
    if (inserted?.fresh && m.trigger === 'webhook') await this.linkTrigger(m.runId);
  }

  /** The webhook event that started the run, for the dashboard's run → events link. */
  private async linkTrigger(runId: string): Promise<void> {
    const run = await this.flows.get(runId);
    const trigger = run?.trigger;
    if (!trigger?.eventId || !trigger.source || !trigger.type) return;
    await this.db.insert(flowRunEvents).values({ runId, eventId: trigger.eventId, source: trigger.source, type: trigger.type }).onConflictDoNothing();
  }
}
