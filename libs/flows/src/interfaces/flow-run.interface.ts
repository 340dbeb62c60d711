/** Where a run is. `queued`: waiting for a worker or for its concurrency key; `sleeping`/`waiting`: parked, no worker held. */
export type FlowRunStatus = 'queued' | 'running' | 'sleeping' | 'waiting' | 'completed' | 'failed' | 'cancelled';

/** Where a step is. `retrying`: failed, another attempt is scheduled. */
export type FlowStepStatus = 'running' | 'completed' | 'failed' | 'retrying' | 'sleeping' | 'waiting';

/** What started a run. */
export interface FlowTriggerInfo {
  readonly kind: 'start' | 'webhook' | 'cron' | 'event';
  /** The webhook event id, for `webhook`. */
  readonly eventId?: string;
  /** The webhook source, for `webhook`. */
  readonly source?: string;
  /** The webhook type or the emitted event name, for `webhook` and `event`. */
  readonly type?: string;
  /** The scheduled time (ISO), for `cron`. */
  readonly scheduledAt?: string;
}

/** An error as stored with a run or a step (never a stack with secrets: name, message and the step). */
export interface FlowRunError {
  readonly name: string;
  readonly message: string;
  /** The step that failed, if a step did. */
  readonly step?: string;
}

/** What a parked run waits for. */
export interface FlowWaitingFor {
  readonly kind: 'sleep' | 'event' | 'retry' | 'concurrency';
  readonly step?: string;
  /** When it resumes at the latest (ISO). */
  readonly until?: string;
  readonly event?: string;
  readonly match?: { readonly field: string; readonly value: string };
}

/** One step of a run, as recorded. */
export interface FlowStepRecord {
  readonly id: string;
  readonly kind: 'step' | 'sleep' | 'wait';
  readonly status: FlowStepStatus;
  /** Executions so far (1 for sleeps and waits). */
  readonly attempts: number;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly durationMs?: number;
  /** The stored JSON result (for waits: the event payload, or null on timeout). */
  readonly output?: unknown;
  readonly error?: FlowRunError;
  /** For sleeps, waits and retries: when it resumes. */
  readonly wakeAt?: string;
}

/** A run as `FlowsService.list` returns it. */
export interface FlowRun<TInput = unknown> {
  readonly id: string;
  readonly flow: string;
  readonly status: FlowRunStatus;
  readonly input: TInput;
  readonly trigger: FlowTriggerInfo;
  /** ISO times. */
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly finishedAt?: string;
  /** From creation to the end (or to now, for a run still going). */
  readonly durationMs: number;
  /** The flow function's return value, when completed. */
  readonly output?: unknown;
  readonly error?: FlowRunError;
  readonly concurrencyKey?: string;
  readonly waitingFor?: FlowWaitingFor;
}

/** A run with its steps in the order they were first reached, as `FlowsService.get` returns it. */
export interface FlowRunDetail<TInput = unknown> extends FlowRun<TInput> {
  readonly steps: readonly FlowStepRecord[];
}

/** Filter of `FlowsService.list`; newest first. */
export interface FlowRunFilter {
  readonly flow?: string;
  readonly status?: FlowRunStatus | readonly FlowRunStatus[];
  /** Runs created at or after this moment. */
  readonly since?: Date | string;
  /** @default 0 */
  readonly offset?: number;
  /** @default 50 (at most 500) */
  readonly limit?: number;
}

/** A page of runs. */
export interface FlowRunList {
  /** Runs matching the filter, over every page. */
  readonly total: number;
  readonly runs: readonly FlowRun[];
}

/** Options of `FlowsService.start`. */
export interface FlowStartOptions {
  /** The run id; starting an id that exists returns it and starts nothing. @default a random UUID */
  readonly id?: string;
}

/** Options of `FlowsService.replay`. */
export interface FlowReplayOptions {
  /** Re-run from this step: it and every step recorded after it run again. @default the failed step (or from the start) */
  readonly fromStep?: string;
}

/** What `FlowsService.emit` did. */
export interface FlowEmitResult {
  /** Runs started by flows whose trigger is this event. */
  readonly started: readonly string[];
  /** Waiting runs resumed with the payload. */
  readonly resumed: readonly string[];
  /** Runs cancelled by a `cancelOn` of this event. */
  readonly cancelled: readonly string[];
}

/** Options of `FlowsService.emit`. */
export interface FlowEmitOptions {
  /** Id of the event: the run id of runs it starts, and a second emit with the same id does nothing. @default a random UUID */
  readonly id?: string;
}
