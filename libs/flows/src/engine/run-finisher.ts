import { Injectable, Logger } from '@nestjs/common';
import { DEFAULT_FLOWS_OPTIONS } from '../flows.constants.js';
import { FlowRegistry } from '../flows.registry.js';
import { FlowScheduler } from './flow-scheduler.js';
import { RunStore } from './run-store.js';
import { matchOf } from './step-helpers.js';
import { messages } from '../flows.messages.js';
import type { FlowCancelOn } from '../interfaces/flow-options.interface.js';
import type { StoredStep } from './stored-run.js';

/** What must happen around a run's life outside its own keys: concurrency slots and event registrations. */
@Injectable()
export class RunFinisher {
  private readonly logger = new Logger(RunFinisher.name);

  constructor(
    private readonly store: RunStore,
    private readonly scheduler: FlowScheduler,
    private readonly registry: FlowRegistry,
  ) {}

  /** Admits a new (or replayed) run under its concurrency key and enqueues it, or leaves it queued behind the others. */
  async admit(runId: string, flow: string, concurrencyKey: string | undefined): Promise<void> {
    if (concurrencyKey !== undefined && !(await this.store.admit(flow, concurrencyKey, runId, this.limitOf(flow)))) return;
    await this.scheduler.enqueue(runId);
  }

  /** Registers the runs's `cancelOn` matches. */
  async registerCancelOn(runId: string, flow: string, input: unknown): Promise<void> {
    for (const cancelOn of this.cancelOnOf(flow)) {
      const { field, value } = matchOf(cancelOn.match, input);
      await this.store.addMatch('cancel', cancelOn.event, field, value, runId);
    }
  }

  /**
   * After a run ended (completed, cancelled, or failed with its onFailure done): frees its
   * concurrency slot and admits the next runs, and drops its event registrations. `steps`: its step
   * records as an execution loaded them (waits still registered are among them), else they are read.
   */
  async finish(runId: string, hash: Readonly<Record<string, string>>, steps?: ReadonlyMap<string, StoredStep>): Promise<void> {
    const flow = hash.flow ?? '';
    const input = JSON.parse(hash.input ?? 'null') as unknown;
    if (hash.concurrencyKey !== undefined) {
      const admitted = await this.store.release(flow, hash.concurrencyKey, runId, this.limitOf(flow));
      for (const next of admitted) await this.scheduler.enqueue(next);
    }
    for (const cancelOn of this.cancelOnOf(flow)) {
      const { field, value } = matchOf(cancelOn.match, input);
      await this.store.removeMatch('cancel', cancelOn.event, field, value, runId);
    }
    await this.dropWaits(runId, steps ?? (await this.readSteps(runId)));
  }

  private async readSteps(runId: string): Promise<Map<string, StoredStep>> {
    const raw = await this.store.client.hvals(this.store.keys.steps(runId));
    return new Map(raw.map((r) => JSON.parse(r) as StoredStep).map((step) => [step.id, step]));
  }

  /** A wait parked beside a step that then failed the run (`flow.parallel`) is left registered otherwise. */
  private async dropWaits(runId: string, steps: ReadonlyMap<string, StoredStep>): Promise<void> {
    for (const step of steps.values()) {
      if (step.status === 'waiting' && step.wait) await this.store.removeMatch('waits', step.wait.event, step.wait.field, step.wait.value, JSON.stringify([runId, step.id]));
    }
  }

  private limitOf(flow: string): number {
    return this.registry.get(flow)?.options.concurrency?.limit ?? DEFAULT_FLOWS_OPTIONS.concurrencyLimit;
  }

  private cancelOnOf(flow: string): readonly FlowCancelOn[] {
    const cancelOn = this.registry.get(flow)?.options.cancelOn;
    if (cancelOn === undefined) return [];
    return Array.isArray(cancelOn) ? cancelOn : [cancelOn as FlowCancelOn];
  }

  warnOnFailure(flow: string, runId: string, error: unknown): void {
    this.logger.error(messages.onFailureFailed(flow, runId, error instanceof Error ? error.message : String(error)));
  }
}
