import type { FlowRun } from '@aiwire/flows';
import type { flowRuns } from '../db/schema.js';
import type { RunErrorDto, RunSummaryDto } from './dto/runs.dto.js';

type FlowRunRow = typeof flowRuns.$inferSelect;

/** A `flow_runs` row as the API shows it; a run still going lasts until `now`. */
export function runSummary(row: FlowRunRow, now = new Date()): RunSummaryDto {
  return {
    id: row.id, flow: row.flow, status: row.status, trigger: row.trigger, error: runError(row.error),
    startedAt: row.startedAt.toISOString(), finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: Math.max(0, (row.finishedAt ?? now).getTime() - row.startedAt.getTime()),
  };
}

/** The run as `FlowsService` holds it (fresher than the row, which follows it). */
export function liveSummary(run: FlowRun): RunSummaryDto {
  return {
    id: run.id, flow: run.flow, status: run.status, trigger: run.trigger.kind, error: run.error ? { ...run.error } : null,
    startedAt: run.createdAt, finishedAt: run.finishedAt ?? null, durationMs: run.durationMs,
  };
}

/** The row's `error` column: `{ name?, message, step? }` as recorded; anything else as its text. */
function runError(value: unknown): RunErrorDto | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return { message: String(value) };
  const { name, message, step } = value as Record<string, unknown>;
  return {
    message: typeof message === 'string' ? message : JSON.stringify(value),
    ...(typeof name === 'string' && { name }),
    ...(typeof step === 'string' && { step }),
  };
}
