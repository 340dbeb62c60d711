import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { currentInstrumentation, runWithCorrelation, type Instrumentation } from '@aiwire/core';
import { FLOWS_QUEUE_NAME, RESOLVED_FLOWS_OPTIONS } from '../flows.constants.js';
import { FlowRegistry } from '../flows.registry.js';
import { FlowNotFoundError } from '../errors/flow-not-found.error.js';
import { messages } from '../flows.messages.js';
import { FlowScheduler } from './flow-scheduler.js';
import { RunStore } from './run-store.js';
import { RunFinisher } from './run-finisher.js';
import { FlowExecution, type ExecutionOutcome } from './flow-execution.js';
import { publishRun } from './run-events.js';
import { fromRunError, serializeResult, toRunError } from './step-helpers.js';
import type { FlowJobData } from './flow-job.js';
import type { LoadedRun } from './stored-run.js';
import type { ResolvedFlowsOptions } from '../flows.options.js';
import type { FlowRunError, FlowRunStatus } from '../interfaces/flow-run.interface.js';
import type { RegisteredFlow } from '../interfaces/registered-flow.interface.js';

/** How soon a job that found its run locked by another execution first tries again. */
const LOCKED_RETRY_MS = 100;

/**
 * Executes one `run` job: takes the run's lock, re-runs the flow function over its stored steps,
 * and records how the execution ended. A job may come twice or early: the lock and the stored steps
 * make that harmless.
 */
@Injectable()
export class FlowRunner {
  private readonly logger = new Logger(FlowRunner.name);

  constructor(
    @Inject(RESOLVED_FLOWS_OPTIONS) readonly options: ResolvedFlowsOptions,
    readonly store: RunStore,
    readonly scheduler: FlowScheduler,
    private readonly registry: FlowRegistry,
    private readonly finisher: RunFinisher,
  ) {}

  /** The job's work, with the run id as the correlation id, in a CONSUMER span while tracing is on. */
  process(job: Job<FlowJobData>): Promise<void> {
    const { runId } = job.data;
    // One correlated task per job: the store is on while runs execute, not for the whole process.
    return runWithCorrelation(
      { correlationId: runId },
      () => {
        const instrumentation = currentInstrumentation();
        return instrumentation === undefined ? this.execute(runId, job.data.locked ?? 0) : this.traced(instrumentation, job);
      },
      { task: true },
    );
  }

  private async traced(instrumentation: Instrumentation, job: Job<FlowJobData>): Promise<void> {
    const span = instrumentation.startConsumer(
      `process ${FLOWS_QUEUE_NAME}`,
      {
        'messaging.system': 'bull',
        'messaging.destination.name': FLOWS_QUEUE_NAME,
        'messaging.operation.type': 'process',
        'messaging.operation.name': 'process',
        'messaging.message.id': String(job.id),
        'aiwire.flow.run_id': job.data.runId,
      },
      job.data.trace,
    );
    try {
      await span.run(() => this.execute(job.data.runId, job.data.locked ?? 0));
      span.end();
    } catch (error) {
      span.end({ error });
      throw error;
    }
  }

  /** `locked`: how many times this job already found the run locked. */
  async execute(runId: string, locked = 0): Promise<void> {
    const { lockDurationMs } = this.options.queue;
    const token = randomUUID();
    const state = await this.store.lockAndLoad(runId, token, lockDurationMs);
    if (state === 'locked') {
      // Another execution holds the run (it is parking, or in a long step): come back once it is likely done,
      // less often the longer it takes, and never later than a dead holder's lock expires.
      const delay = Math.min(LOCKED_RETRY_MS * 2 ** Math.min(locked, 16), lockDurationMs);
      await this.scheduler.enqueue(runId, { wakeAt: Date.now() + delay, locked: locked + 1 });
      return;
    }
    if (state === undefined) return;
    const renewal = setInterval(() => void this.store.renewLock(runId, token, lockDurationMs).catch(() => undefined), lockDurationMs / 3);
    renewal.unref();
    try {
      await this.executeLocked(state);
    } catch (error) {
      this.logger.error(messages.executionFailed(runId, error instanceof Error ? error.message : String(error)));
      throw error;
    } finally {
      clearInterval(renewal);
      await this.store.unlock(runId, token);
    }
  }

  /** `state` is the run as it was when locked; a run that can go on is already marked running. */
  private async executeLocked(state: LoadedRun): Promise<void> {
    const runId = state.id;
    const status = state.hash.status as FlowRunStatus;
    if (status === 'completed' || status === 'cancelled') return;
    const flow = this.registry.get(state.hash.flow ?? '');
    if (status === 'failed') {
      if (state.hash.onFailurePending === '1' && flow?.onFailure) await this.runOnFailure(state, flow, fromRunError(JSON.parse(state.hash.error ?? '{}') as FlowRunError));
      return;
    }
    if (!flow) return this.fail(state, undefined, new FlowNotFoundError(state.hash.flow ?? '', messages.flowNotInWorker(state.hash.flow ?? '', runId)));
    if (state.hash.cancelRequested === '1') return this.cancel(state);
    publishRun(runId, state.hash, 'running', { previous: status });
    const execution = new FlowExecution(this, state, flow, { prefix: '', sequenced: true });
    const outcome = await execution.run((context) => flow.run(context));
    await this.conclude(state, flow, outcome, execution.parkedStatus);
  }

  private async conclude(state: LoadedRun, flow: RegisteredFlow, outcome: ExecutionOutcome, parked: FlowRunStatus | undefined): Promise<void> {
    switch (outcome.kind) {
      case 'suspended':
        return publishRun(state.id, state.hash, parked ?? 'queued', { previous: 'running' });
      case 'cancelled':
        // This execution may have registered a wait before it saw the cancel: the steps are read again.
        return this.cancel(state, true);
      case 'failed':
        return this.fail(state, flow, outcome.error);
      case 'completed':
        return this.complete(state, flow, outcome.value);
    }
  }

  private async complete(state: LoadedRun, flow: RegisteredFlow, value: unknown): Promise<void> {
    let output: string;
    try {
      output = serializeResult(undefined, value, this.options.maxStepResultBytes);
    } catch (error) {
      return this.fail(state, flow, error);
    }
    await this.store.update(state.id, { status: 'completed', output, finishedAt: String(Date.now()) }, ['waitingFor'], true);
    publishRun(state.id, state.hash, 'completed', { previous: 'running' });
    await this.finisher.finish(state.id, state.hash, state.steps);
  }

  private async cancel(state: LoadedRun, executed = false): Promise<void> {
    await this.store.update(state.id, { status: 'cancelled', finishedAt: String(Date.now()) }, ['waitingFor'], true);
    publishRun(state.id, state.hash, 'cancelled', { previous: state.hash.status as FlowRunStatus });
    await this.finisher.finish(state.id, state.hash, executed ? undefined : state.steps);
  }

  private async fail(state: LoadedRun, flow: RegisteredFlow | undefined, error: unknown): Promise<void> {
    const stored = toRunError(error);
    const pending = flow?.onFailure !== undefined;
    const set = { status: 'failed', error: JSON.stringify(stored), finishedAt: String(Date.now()), ...(pending && { onFailurePending: '1' }) };
    await this.store.update(state.id, set, ['waitingFor'], !pending);
    this.logger.warn(messages.runFailed(state.hash.flow ?? '', state.id, stored.message));
    publishRun(state.id, state.hash, 'failed', { previous: 'running', error: stored.message });
    if (!pending) return this.finisher.finish(state.id, state.hash, state.steps);
    const fresh = await this.store.load(state.id);
    if (fresh) await this.runOnFailure(fresh, flow, error instanceof Error ? error : fromRunError(stored));
  }

  /** The flow's fallback workflow; its steps are recorded, so a crash or a sleep inside it resumes it. */
  private async runOnFailure(state: LoadedRun, flow: RegisteredFlow, error: Error): Promise<void> {
    const failure = JSON.parse(state.hash.error ?? '{}') as FlowRunError;
    const execution = new FlowExecution(this, state, flow, { prefix: 'onFailure:', sequenced: false, failure });
    const outcome = await execution.run((context) => flow.onFailure!(context, error));
    if (outcome.kind === 'suspended') return;
    if (outcome.kind === 'failed') this.finisher.warnOnFailure(flow.name, state.id, outcome.error);
    await this.store.update(state.id, {}, ['onFailurePending', 'waitingFor'], true);
    await this.finisher.finish(state.id, state.hash, state.steps);
  }
}
