import { FlowDeterminismError } from '../errors/flow-determinism.error.js';
import { flowStepChannel, type FlowStepMessage } from '../flows.channels.js';
import { messages } from '../flows.messages.js';
import { positionConflict } from './step-order.js';
import type { FlowRunError, FlowRunStatus, FlowTriggerInfo } from '../interfaces/flow-run.interface.js';
import type { RegisteredFlow } from '../interfaces/registered-flow.interface.js';
import type { ResolvedFlowsOptions } from '../flows.options.js';
import type { EnqueueOptions, FlowScheduler } from './flow-scheduler.js';
import type { RunChange, RunStore } from './run-store.js';
import type { LoadedRun, StoredStep } from './stored-run.js';

/** How one execution of a run ended. `suspended`: parked (sleep, wait, retry), its job done, no worker held. */
export type ExecutionOutcome =
  | { readonly kind: 'completed'; readonly value: unknown }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'suspended' }
  | { readonly kind: 'cancelled' };

export interface ExecutionDeps {
  readonly store: RunStore;
  readonly scheduler: FlowScheduler;
  readonly options: ResolvedFlowsOptions;
}

/** The main body checks step order; `onFailure` records its steps under a prefix, unchecked, and never changes the run's status. */
export interface ExecutionMode {
  readonly prefix: string;
  readonly sequenced: boolean;
  readonly failure?: FlowRunError;
}

/** Never settles: what a step returns once the execution stopped, so the flow function goes no further. */
export const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/** What the engine's own work resolves to when it parked the run: the step's promise then never settles. */
const PARKED: unique symbol = Symbol('parked');
export type Parked = typeof PARKED;

/**
 * What every execution of a run shares: the stop signal (a park, a cancel or a determinism failure
 * ends the execution where the flow function cannot catch it), the engine work it waits for before
 * the job ends, the position check of each step reached, and the writes that park the run.
 */
export abstract class ExecutionCore {
  readonly runId: string;
  readonly flow: string;
  readonly input: unknown;
  readonly trigger: FlowTriggerInfo;
  readonly failure?: FlowRunError;
  /** The status the last park gave the run (for the run channel). */
  parkedStatus: FlowRunStatus | undefined;
  private seq = 0;
  private stopped = false;
  private stop!: (outcome: ExecutionOutcome) => void;
  private readonly stopSignal = new Promise<ExecutionOutcome>((resolve) => (this.stop = resolve));
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly reached = new Set<string>();
  protected cancelRequested: boolean;

  constructor(
    protected readonly deps: ExecutionDeps,
    protected readonly state: LoadedRun,
    protected readonly registered: RegisteredFlow,
    protected readonly mode: ExecutionMode,
  ) {
    this.runId = state.id;
    this.flow = registered.name;
    this.input = JSON.parse(state.hash.input ?? 'null') as unknown;
    this.trigger = JSON.parse(state.hash.trigger ?? '{"kind":"start"}') as FlowTriggerInfo;
    if (mode.failure) this.failure = mode.failure;
    this.cancelRequested = state.hash.cancelRequested === '1';
  }

  /** Runs `body` until it returns, throws, or the execution stops; then waits for steps still running. */
  async run(body: (execution: this) => Promise<unknown>): Promise<ExecutionOutcome> {
    const finished = Promise.resolve()
      .then(() => body(this))
      .then(
        (value): ExecutionOutcome => ({ kind: 'completed', value }),
        (error: unknown): ExecutionOutcome => ({ kind: 'failed', error }),
      );
    const outcome = await Promise.race([finished, this.stopSignal]);
    this.stopped = true;
    // A parallel step still running must be stored before the job ends, or the next execution would run it again.
    while (this.inflight.size > 0) await Promise.allSettled(this.inflight);
    return outcome;
  }

  /** Checks the position of a step reached; undefined once the execution stopped (or it failed the check). */
  protected reach(id: string): { stepId: string; seq: number } | undefined {
    if (this.stopped) return undefined;
    const stepId = this.mode.prefix + id;
    if (this.reached.has(stepId)) return this.failRun(new FlowDeterminismError(stepId, stepId, messages.duplicateStep(this.flow, this.runId, stepId)));
    this.reached.add(stepId);
    if (!this.mode.sequenced) return { stepId, seq: -1 };
    const seq = this.seq++;
    const expected = positionConflict(this.state.order, this.state.steps, stepId, seq);
    if (expected !== undefined) return this.failRun(new FlowDeterminismError(expected, stepId, messages.determinism(this.flow, this.runId, expected, stepId)));
    return { stepId, seq };
  }

  protected async park(record: StoredStep, change: RunChange, wakeAt: number): Promise<Parked> {
    const cancel = await this.deps.store.recordStep(this.runId, record, this.change(change));
    await this.deps.scheduler.enqueue(this.runId, this.wakeJob(wakeAt));
    if (change.status) this.parkedStatus ??= change.status;
    return this.halt(cancel ? { kind: 'cancelled' } : { kind: 'suspended' });
  }

  /** The job that ends a park: one per wake-up (a job id from the time), unless it is due now. */
  protected wakeJob(wakeAt: number): EnqueueOptions {
    return wakeAt > Date.now() ? { wakeAt, jobId: `${this.runId}@${wakeAt}` } : { wakeAt };
  }

  /**
   * A park found on a re-run that came early (another job woke the run). Its delayed job should exist,
   * but another is added, without the park's job id: that id may be the job running now (a clock
   * ahead of this one woke it early), which Bull would take as already there.
   */
  protected repark<T>(wakeAt: number): Promise<T> {
    return this.track(this.deps.scheduler.enqueue(this.runId, { wakeAt }).then(() => this.halt({ kind: 'suspended' })));
  }

  /** `onFailure` never moves a failed run to another status. */
  protected change(change: RunChange): RunChange {
    return this.mode.sequenced ? change : { waitingFor: change.waitingFor ?? null };
  }

  protected async record(step: StoredStep): Promise<void> {
    if (await this.deps.store.recordStep(this.runId, step)) this.cancelRequested = true;
  }

  protected failRun(error: Error): undefined {
    this.halt({ kind: 'failed', error });
    return undefined;
  }

  /** Stops the execution (the first stop wins). */
  protected halt(outcome: ExecutionOutcome): Parked {
    if (!this.stopped) {
      this.stopped = true;
      this.stop(outcome);
    }
    return PARKED;
  }

  protected stopHere<T>(outcome: ExecutionOutcome): Promise<T> {
    this.halt(outcome);
    return never();
  }

  /** Engine work the execution waits for before it ends; a step that parked never settles for the flow function. */
  protected track<T>(work: Promise<T | Parked>): Promise<T> {
    this.inflight.add(work);
    const done = (): void => void this.inflight.delete(work);
    work.then(done, done);
    return work.then((value) => (value === PARKED ? never<T>() : (value as T)));
  }

  protected publish(step: string, kind: FlowStepMessage['kind'], outcome: FlowStepMessage['outcome'], attempt: number, durationMs?: number, error?: string): void {
    if (!flowStepChannel.hasSubscribers) return;
    flowStepChannel.publish({ runId: this.runId, flow: this.flow, step, kind, outcome, attempt, ...(durationMs !== undefined && { durationMs }), ...(error !== undefined && { error }) });
  }
}
