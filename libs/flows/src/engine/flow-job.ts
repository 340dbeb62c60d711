import type { TraceCarrier } from '@aiwire/core';

/** Name of the Bull job that executes a run. */
export const RUN_JOB = 'run';

/** Data of a `run` job: the run id only (everything else is in the run's keys), and the trace context when traced. */
export interface FlowJobData {
  readonly runId: string;
  readonly trace?: TraceCarrier;
  /** Times this job found the run locked by another execution and came back (its delay doubles each time). */
  readonly locked?: number;
}
