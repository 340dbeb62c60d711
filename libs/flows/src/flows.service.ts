import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { FlowRegistry } from './flows.registry.js';
import { FlowNotFoundError } from './errors/flow-not-found.error.js';
import { FlowRunNotFoundError } from './errors/flow-run-not-found.error.js';
import { FlowReplayError } from './errors/flow-replay.error.js';
import { messages } from './flows.messages.js';
import { RunStore } from './engine/run-store.js';
import { RunFinisher } from './engine/run-finisher.js';
import { FlowScheduler } from './engine/flow-scheduler.js';
import { publishRun } from './engine/run-events.js';
import { RunQueries } from './engine/run-queries.js';
import { FlowEvents } from './engine/flow-events.js';
import { RunRecovery } from './engine/run-recovery.js';
import type { FlowEmitOptions, FlowEmitResult, FlowReplayOptions, FlowRunDetail, FlowRunFilter, FlowRunList, FlowRunStatus, FlowStartOptions, FlowTriggerInfo } from './interfaces/flow-run.interface.js';

/**
 * Start, read, cancel and replay flow runs, and emit the events they wait for. Works in every
 * process, workers or not.
 * @publicApi
 */
@Injectable()
export class FlowsService {
  constructor(
    private readonly registry: FlowRegistry,
    private readonly store: RunStore,
    private readonly finisher: RunFinisher,
    private readonly scheduler: FlowScheduler,
    private readonly queries: RunQueries,
    private readonly events: FlowEvents,
    private readonly recovery: RunRecovery,
  ) {}

  /**
   * Starts a run of flow `name` with `input`; resolves to its id once it is stored and queued.
   * Starting with an id that exists returns that id and starts nothing. An unknown flow rejects with `FlowNotFoundError`.
   */
  async start<TInput = unknown>(name: string, input: TInput, options: FlowStartOptions = {}): Promise<string> {
    const { runId } = await this.startTriggered(name, input, { id: options.id, trigger: { kind: 'start' } });
    return runId;
  }

  /** @internal What triggers call: as `start`, with what started the run, and whether this call created it. */
  async startTriggered(name: string, input: unknown, options: { id?: string; trigger: FlowTriggerInfo }): Promise<{ runId: string; created: boolean }> {
    const flow = this.registry.get(name);
    if (!flow) throw new FlowNotFoundError(name, messages.flowNotFound(name, this.registry.names()));
    const runId = options.id ?? randomUUID();
    const now = Date.now();
    const concurrencyKey = flow.options.concurrency === undefined ? undefined : String(flow.options.concurrency.key(input as never));
    const hash: Record<string, string> = {
      flow: name, status: 'queued', input: JSON.stringify(input ?? null), trigger: JSON.stringify(options.trigger),
      createdAt: String(now), updatedAt: String(now),
      ...(concurrencyKey !== undefined && { concurrencyKey, waitingFor: JSON.stringify({ kind: 'concurrency' }) }),
    };
    // Noted before it is stored: a process dying between storing and queueing leaves a note that a worker acts on.
    await this.recovery.note(runId);
    if (!(await this.store.create(runId, hash))) return { runId, created: false };
    await this.store.index(runId, name, now);
    await this.finisher.registerCancelOn(runId, name, input);
    publishRun(runId, hash, 'queued');
    await this.finisher.admit(runId, name, concurrencyKey);
    return { runId, created: true };
  }

  /** The run with its steps in the order first reached; undefined when unknown or expired. */
  get(runId: string): Promise<FlowRunDetail | undefined> {
    return this.queries.get(runId);
  }

  /** Runs, newest first: filtered by flow, status (one or several) and creation time, a page at a time. */
  list(filter: FlowRunFilter = {}): Promise<FlowRunList> {
    return this.queries.list(filter);
  }

  /**
   * Cancels a run: a parked one (sleeping, waiting, queued) at once, a running one at its next step
   * boundary. Resolves to true if the run was active.
   */
  async cancel(runId: string): Promise<boolean> {
    const { outcome, previous } = await this.store.cancel(runId);
    if (outcome === 'gone') return false;
    if (outcome === 'requested') {
      // The execution holding the run sees the request at its next step; a job makes sure one does.
      await this.scheduler.enqueue(runId);
      return true;
    }
    const hash = await this.store.hash(runId);
    if (hash) {
      publishRun(runId, hash, 'cancelled', { previous });
      await this.finisher.finish(runId, hash);
    }
    return true;
  }

  /**
   * Runs a finished run again from `fromStep` (default: the step that failed, else the start): that
   * step and every later one run again; earlier ones are not repeated.
   */
  async replay(runId: string, options: FlowReplayOptions = {}): Promise<void> {
    const state = await this.store.load(runId);
    if (!state) throw new FlowRunNotFoundError(runId, messages.runNotFound(runId));
    const status = state.hash.status as FlowRunStatus;
    const finished = (status === 'completed' || status === 'failed' || status === 'cancelled') && state.hash.onFailurePending !== '1';
    if (!finished) throw new FlowReplayError(runId, messages.replayActive(runId, status === 'failed' ? 'running its onFailure' : status));
    const failedStep = state.hash.error === undefined ? undefined : (JSON.parse(state.hash.error) as { step?: string }).step;
    const from = options.fromStep ?? failedStep;
    let keep = from === undefined ? 0 : state.order.indexOf(from);
    if (keep < 0 && options.fromStep !== undefined) throw new FlowReplayError(runId, messages.replayUnknownStep(runId, options.fromStep, state.order.filter((s) => s !== '')));
    if (keep < 0) keep = 0;
    await this.recovery.note(runId);
    const forget = [...state.order.slice(keep), ...[...state.steps.keys()].filter((id) => id.startsWith('onFailure:'))];
    if (!(await this.store.replay(runId, keep, forget))) throw new FlowReplayError(runId, messages.replayActive(runId, 'active again'));
    const flow = state.hash.flow ?? '';
    await this.store.index(runId, flow, Number(state.hash.createdAt));
    await this.finisher.registerCancelOn(runId, flow, JSON.parse(state.hash.input ?? 'null'));
    publishRun(runId, state.hash, 'queued', { previous: status });
    await this.finisher.admit(runId, flow, state.hash.concurrencyKey);
  }

  /**
   * Emits an event: starts the flows it triggers, resumes the runs waiting for it (matching), and
   * cancels the runs whose `cancelOn` it matches. An id emitted before does nothing.
   */
  emit(event: string, payload: unknown, options: FlowEmitOptions = {}): Promise<FlowEmitResult> {
    return this.events.emit(event, payload, options, (name, input, start) => this.startTriggered(name, input, start), (runId) => this.cancel(runId));
  }
}
