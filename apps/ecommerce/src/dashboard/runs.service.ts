import { Injectable } from '@nestjs/common';
import { and, asc, count, desc, eq, min, type SQL } from 'drizzle-orm';
import { FlowsService } from '@aiwire/flows';
import { InjectDb } from '../db/inject-db.decorator.js';
import type { Database } from '../db/database.types.js';
import { flowRunEvents, flowRuns, webhookEvents } from '../db/schema.js';
import { ADMIN_RUN_PATH } from './dashboard.constants.js';
import type { EventDetailDto, RunDetailDto, RunEventDto, RunListDto, RunStepDto } from './dto/runs.dto.js';
import type { RunQueryDto } from './dto/run-query.dto.js';
import { liveSummary, runSummary } from './run-summary.js';

/**
 * Flow runs and the webhook events they consumed, both ways: the rows `ActivityRecorder` writes,
 * and a run's steps from `FlowsService` while Redis still holds them.
 */
@Injectable()
export class RunsService {
  constructor(
    @InjectDb() private readonly db: Database,
    private readonly flows: FlowsService,
  ) {}

  /** Newest first. */
  async list(query: RunQueryDto): Promise<RunListDto> {
    const conditions: SQL[] = [];
    if (query.flow) conditions.push(eq(flowRuns.flow, query.flow));
    if (query.status) conditions.push(eq(flowRuns.status, query.status));
    const where = and(...conditions);
    const [rows, [total]] = await Promise.all([
      this.db.select().from(flowRuns).where(where).orderBy(desc(flowRuns.startedAt), desc(flowRuns.id)).offset(query.offset).limit(query.limit),
      this.db.select({ n: count() }).from(flowRuns).where(where),
    ]);
    const now = new Date();
    return { total: total?.n ?? 0, runs: rows.map((row) => runSummary(row, now)) };
  }

  /** Undefined when neither the database nor Redis knows the run. */
  async get(id: string): Promise<RunDetailDto | undefined> {
    const [[row], live, events] = await Promise.all([
      this.db.select().from(flowRuns).where(eq(flowRuns.id, id)),
      this.flows.get(id),
      this.events(id),
    ]);
    if (!row && !live) return undefined;
    const summary = live ? liveSummary(live) : runSummary(row!);
    const steps = (live?.steps ?? []).map((s): RunStepDto => ({
      id: s.id, kind: s.kind, status: s.status, attempts: s.attempts, startedAt: s.startedAt,
      ...(s.finishedAt !== undefined && { finishedAt: s.finishedAt }),
      ...(s.durationMs !== undefined && { durationMs: Math.round(s.durationMs * 10) / 10 }),
      ...(s.error && { error: { ...s.error } }),
    }));
    return { ...summary, stepsAvailable: live !== undefined, steps, events, adminUrl: `${ADMIN_RUN_PATH}${encodeURIComponent(id)}` };
  }

  /** Undefined when no delivery and no run has this event id. */
  async event(eventId: string): Promise<EventDetailDto | undefined> {
    const [deliveries, runs] = await Promise.all([
      this.db.select().from(webhookEvents).where(eq(webhookEvents.eventId, eventId)).orderBy(asc(webhookEvents.receivedAt), asc(webhookEvents.id)),
      this.db.select({ run: flowRuns }).from(flowRunEvents).innerJoin(flowRuns, eq(flowRuns.id, flowRunEvents.runId))
        .where(eq(flowRunEvents.eventId, eventId)).orderBy(asc(flowRuns.startedAt), asc(flowRuns.id)),
    ]);
    if (deliveries.length === 0 && runs.length === 0) return undefined;
    const now = new Date();
    return {
      eventId,
      deliveries: deliveries.map((d) => ({ source: d.source, type: d.type, outcome: d.outcome, status: d.status, durationMs: d.durationMs, receivedAt: d.receivedAt.toISOString() })),
      runs: runs.map(({ run }) => runSummary(run, now)),
    };
  }

  /** The run's events in the order it consumed them, each with its deliveries counted. */
  private async events(runId: string): Promise<RunEventDto[]> {
    const delivered = and(eq(webhookEvents.eventId, flowRunEvents.eventId), eq(webhookEvents.source, flowRunEvents.source));
    const rows = await this.db.select({
      eventId: flowRunEvents.eventId, source: flowRunEvents.source, type: flowRunEvents.type,
      deliveries: count(webhookEvents.id), receivedAt: min(webhookEvents.receivedAt),
    })
      .from(flowRunEvents).leftJoin(webhookEvents, delivered).where(eq(flowRunEvents.runId, runId))
      .groupBy(flowRunEvents.eventId, flowRunEvents.source, flowRunEvents.type, flowRunEvents.createdAt)
      .orderBy(asc(flowRunEvents.createdAt), asc(flowRunEvents.eventId));
    return rows.map((r) => ({ ...r, receivedAt: r.receivedAt ? new Date(r.receivedAt).toISOString() : null }));
  }
}
