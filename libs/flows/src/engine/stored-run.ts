import type { FlowRun, FlowRunError, FlowRunStatus, FlowStepRecord, FlowTriggerInfo, FlowWaitingFor } from '../interfaces/flow-run.interface.js';

/** A step record as stored: the public record, its position in the run and, for a wait, where it is registered. */
export interface StoredStep extends FlowStepRecord {
  /** Position among the steps the flow function reached (-1 for `onFailure` steps, which are not checked). */
  readonly seq: number;
  readonly wait?: { readonly event: string; readonly field: string; readonly value: string };
}

/** A run as one execution sees it: its hash, its step records (with their raw JSON, for compare-and-set), its order. */
export interface LoadedRun {
  readonly id: string;
  readonly hash: Readonly<Record<string, string>>;
  readonly steps: Map<string, StoredStep>;
  readonly rawSteps: Map<string, string>;
  readonly order: string[];
}

export const TERMINAL: ReadonlySet<FlowRunStatus> = new Set(['completed', 'failed', 'cancelled']);

/** The public view of a run hash. */
export function toFlowRun(id: string, hash: Readonly<Record<string, string>>, now = Date.now()): FlowRun {
  const createdAt = Number(hash.createdAt);
  const finishedAt = hash.finishedAt === undefined ? undefined : Number(hash.finishedAt);
  return {
    id,
    flow: hash.flow ?? '',
    status: (hash.status ?? 'queued') as FlowRunStatus,
    input: parse(hash.input),
    trigger: (parse(hash.trigger) ?? { kind: 'start' }) as FlowTriggerInfo,
    createdAt: new Date(createdAt).toISOString(),
    updatedAt: new Date(Number(hash.updatedAt ?? createdAt)).toISOString(),
    ...(finishedAt !== undefined && { finishedAt: new Date(finishedAt).toISOString() }),
    durationMs: (finishedAt ?? now) - createdAt,
    ...(hash.output !== undefined && { output: parse(hash.output) }),
    ...(hash.error !== undefined && { error: parse(hash.error) as FlowRunError }),
    ...(hash.concurrencyKey !== undefined && { concurrencyKey: hash.concurrencyKey }),
    ...(hash.waitingFor !== undefined && { waitingFor: parse(hash.waitingFor) as FlowWaitingFor }),
  };
}

/** The public view of a step record: the engine's own fields left out. */
export function toStepRecord(step: StoredStep): FlowStepRecord {
  const { seq: _seq, wait: _wait, ...record } = step;
  return record;
}

export function parse(json: string | undefined): unknown {
  return json === undefined ? undefined : (JSON.parse(json) as unknown);
}
