import { computeBackoff, currentInstrumentation } from '@aiwire/core';
import { FlowStepFailedError } from '../errors/flow-step-failed.error.js';
import { FlowStepResultTooLargeError } from '../errors/flow-step-result-too-large.error.js';
import { messages } from '../flows.messages.js';
import { parseDuration } from '../duration.js';
import { ExecutionCore, never, type Parked } from './execution-core.js';
import { iso, matchOf, retryPolicy, serializeResult, stepFailedError, toError } from './step-helpers.js';
import type { FlowContext, FlowDuration, FlowParallelItem, FlowParallelResults, FlowStepOptions, FlowWaitOptions } from '../interfaces/flow-context.interface.js';
import type { StoredStep } from './stored-run.js';

export type { ExecutionDeps, ExecutionMode, ExecutionOutcome } from './execution-core.js';

/**
 * One execution of a run's flow function (or its `onFailure`): the `FlowContext` it receives. Steps
 * recorded are replayed from the stored run; a new step runs, and is stored before its promise
 * resolves; a throw is retried as a delayed job; sleeps and waits park the run.
 */
export class FlowExecution extends ExecutionCore implements FlowContext<unknown> {
  step<T>(id: string, fn: () => T | PromiseLike<T>, options?: FlowStepOptions): Promise<Awaited<T>> {
    const reached = this.reach(id);
    if (reached === undefined) return never();
    const { stepId, seq } = reached;
    const record = this.state.steps.get(stepId);
    if (record?.status === 'completed') return Promise.resolve(record.output as Awaited<T>);
    if (record?.status === 'failed') return Promise.reject(stepFailedError(record));
    if (record?.status === 'retrying' && Date.parse(record.wakeAt ?? '') > Date.now()) return this.repark(Date.parse(record.wakeAt!));
    if (this.cancelRequested) return this.stopHere({ kind: 'cancelled' });
    const attempt = (record?.attempts ?? 0) + 1;
    return this.track(this.execute(stepId, seq, fn, options, attempt, record?.startedAt ?? iso(Date.now())));
  }

  parallel<const T extends readonly FlowParallelItem[]>(items: T): Promise<FlowParallelResults<T>> {
    // Started in the order given, so their positions are the same on every re-run.
    const started = items.map((item) => (typeof item === 'function' ? (item as () => PromiseLike<unknown>)() : item));
    return Promise.all(started) as Promise<FlowParallelResults<T>>;
  }

  sleep(id: string, duration: FlowDuration): Promise<void> {
    const ms = parseDuration(duration);
    if (ms === undefined) return Promise.reject(new TypeError(messages.badDuration(`sleep('${id}')`, duration)));
    return this.sleepAt(id, () => Date.now() + ms);
  }

  sleepUntil(id: string, until: Date | string): Promise<void> {
    const at = new Date(until).getTime();
    if (Number.isNaN(at)) return Promise.reject(new TypeError(messages.badUntil(id, until)));
    return this.sleepAt(id, () => at);
  }

  waitForEvent<T = unknown>(id: string, options: FlowWaitOptions): Promise<T | null> {
    const timeoutMs = parseDuration(options.timeout);
    if (timeoutMs === undefined) return Promise.reject(new TypeError(messages.badDuration(`waitForEvent('${id}') timeout`, options.timeout)));
    const reached = this.reach(id);
    if (reached === undefined) return never();
    const { stepId, seq } = reached;
    const record = this.state.steps.get(stepId);
    if (record?.status === 'completed') return Promise.resolve((record.output ?? null) as T | null);
    if (record) {
      const wakeAt = Date.parse(record.wakeAt ?? '');
      return wakeAt > Date.now() ? this.repark(wakeAt) : (this.track(this.timeOut(record)) as Promise<T | null>);
    }
    if (this.cancelRequested) return this.stopHere({ kind: 'cancelled' });
    return this.track<T | null>(this.parkWait(stepId, seq, options, Date.now() + timeoutMs));
  }

  private async execute<T>(stepId: string, seq: number, fn: () => T | PromiseLike<T>, options: FlowStepOptions | undefined, attempt: number, startedAt: string): Promise<Awaited<T> | Parked> {
    this.publish(stepId, 'step', 'started', attempt);
    const started = performance.now();
    let result: Awaited<T>;
    try {
      result = await this.call(stepId, attempt, fn);
    } catch (error) {
      return this.threw(stepId, seq, options, attempt, startedAt, performance.now() - started, toError(error));
    }
    const durationMs = performance.now() - started;
    let json: string;
    try {
      json = serializeResult(stepId, result, this.deps.options.maxStepResultBytes);
    } catch (error) {
      return this.failStep(stepId, seq, attempt, startedAt, durationMs, toError(error));
    }
    const output = JSON.parse(json) as Awaited<T>;
    await this.record({ id: stepId, kind: 'step', status: 'completed', attempts: attempt, startedAt, finishedAt: iso(Date.now()), durationMs, output, seq });
    this.publish(stepId, 'step', 'completed', attempt, durationMs);
    return output;
  }

  private async call<T>(stepId: string, attempt: number, fn: () => T | PromiseLike<T>): Promise<Awaited<T>> {
    const span = currentInstrumentation()?.startInternal?.('flow.step', {
      'aiwire.flow.name': this.flow, 'aiwire.flow.run_id': this.runId, 'aiwire.flow.step': stepId, 'aiwire.flow.attempt': attempt,
    });
    if (span === undefined) return await fn();
    try {
      const result = await span.run(fn);
      span.end();
      return result;
    } catch (error) {
      span.end({ error });
      throw error;
    }
  }

  private async threw(stepId: string, seq: number, options: FlowStepOptions | undefined, attempt: number, startedAt: string, durationMs: number, error: Error): Promise<Parked> {
    const policy = retryPolicy(options, this.registered.options, this.deps.options);
    if (error instanceof FlowStepResultTooLargeError || attempt >= policy.attempts) return this.failStep(stepId, seq, attempt, startedAt, durationMs, error);
    const wakeAt = Date.now() + computeBackoff(attempt, { baseMs: policy.backoff.delayMs, maxMs: policy.backoff.maxDelayMs, jitter: 'full' });
    const record: StoredStep = { id: stepId, kind: 'step', status: 'retrying', attempts: attempt, startedAt, durationMs, error: { name: error.name, message: error.message }, wakeAt: iso(wakeAt), seq };
    this.publish(stepId, 'step', 'retrying', attempt, durationMs, error.message);
    return this.park(record, { status: 'queued', waitingFor: { kind: 'retry', step: stepId, until: iso(wakeAt) } }, wakeAt);
  }

  private async failStep(stepId: string, seq: number, attempt: number, startedAt: string, durationMs: number, error: Error): Promise<never> {
    const record: StoredStep = { id: stepId, kind: 'step', status: 'failed', attempts: attempt, startedAt, finishedAt: iso(Date.now()), durationMs, error: { name: error.name, message: error.message }, seq };
    await this.record(record);
    this.publish(stepId, 'step', 'failed', attempt, durationMs, error.message);
    throw new FlowStepFailedError(stepId, attempt, messages.stepFailed(stepId, attempt, error.message), { cause: error });
  }

  private sleepAt(id: string, wakeAtOf: () => number): Promise<void> {
    const reached = this.reach(id);
    if (reached === undefined) return never();
    const { stepId, seq } = reached;
    const record = this.state.steps.get(stepId);
    if (record?.status === 'completed') return Promise.resolve();
    if (!record && this.cancelRequested) return this.stopHere({ kind: 'cancelled' });
    const startedAt = record?.startedAt ?? iso(Date.now());
    const wakeAt = record ? Date.parse(record.wakeAt ?? '') : wakeAtOf();
    const done: StoredStep = { id: stepId, kind: 'sleep', status: 'completed', attempts: 1, startedAt, finishedAt: iso(Date.now()), wakeAt: iso(wakeAt), seq };
    if (wakeAt <= Date.now()) return this.track(this.record(done).then(() => this.publish(stepId, 'sleep', record ? 'resumed' : 'completed', 1)));
    if (record) return this.repark(wakeAt);
    this.publish(stepId, 'sleep', 'parked', 1);
    const sleeping: StoredStep = { id: stepId, kind: 'sleep', status: 'sleeping', attempts: 1, startedAt, wakeAt: iso(wakeAt), seq };
    return this.track<void>(this.park(sleeping, { status: 'sleeping', waitingFor: { kind: 'sleep', step: stepId, until: iso(wakeAt) } }, wakeAt));
  }

  private async parkWait(stepId: string, seq: number, options: FlowWaitOptions, wakeAt: number): Promise<Parked> {
    const match = matchOf(options.match, this.input);
    const record: StoredStep = {
      id: stepId, kind: 'wait', status: 'waiting', attempts: 1, startedAt: iso(Date.now()), wakeAt: iso(wakeAt), seq,
      wait: { event: options.event, field: match.field, value: match.value },
    };
    const waitingFor = { kind: 'event' as const, step: stepId, until: iso(wakeAt), event: options.event, ...(match.field !== '' && { match }) };
    this.publish(stepId, 'wait', 'parked', 1);
    // Recorded before registered: an emit in between finds nothing to resume, as one before the wait would.
    const cancel = await this.deps.store.recordStep(this.runId, record, this.change({ status: 'waiting', waitingFor }));
    await this.deps.store.addMatch('waits', options.event, match.field, match.value, JSON.stringify([this.runId, stepId]));
    await this.deps.scheduler.enqueue(this.runId, this.wakeJob(wakeAt));
    this.parkedStatus ??= 'waiting';
    return this.halt(cancel ? { kind: 'cancelled' } : { kind: 'suspended' });
  }

  /** A wait past its timeout resolves to null, unless an emit ended it first (then to its payload). */
  private async timeOut(record: StoredStep): Promise<unknown> {
    const raw = this.state.rawSteps.get(record.id) ?? JSON.stringify(record);
    const done: StoredStep = { ...record, status: 'completed', finishedAt: iso(Date.now()), output: null };
    if (await this.deps.store.resolveWait(this.runId, record.id, raw, done)) {
      if (record.wait) await this.deps.store.removeMatch('waits', record.wait.event, record.wait.field, record.wait.value, JSON.stringify([this.runId, record.id]));
      this.publish(record.id, 'wait', 'resumed', 1);
      return null;
    }
    const current = await this.deps.store.stepRaw(this.runId, record.id);
    return current === null ? null : ((JSON.parse(current) as StoredStep).output ?? null);
  }
}
