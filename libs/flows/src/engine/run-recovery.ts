import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { RESOLVED_FLOWS_OPTIONS } from '../flows.constants.js';
import { messages } from '../flows.messages.js';
import { FlowScheduler } from './flow-scheduler.js';
import { RunStore } from './run-store.js';
import type { ResolvedFlowsOptions } from '../flows.options.js';

/** Runs checked per pass. */
const BATCH = 500;

/**
 * The safety net of starting a run: a run is stored, then its job added, and a process that dies in
 * between (or a Redis that fails the add every time) would leave it queued forever. Every start and
 * replay is noted first; workers look, every `queue.stalledIntervalMs`, at the notes older than
 * `queue.lockDurationMs`, queue again the runs still queued (and admitted, under a concurrency key)
 * or left running with no execution holding them, and drop the notes of the others. A job added twice
 * is harmless: the run lock and the stored steps make the second execution a no-op.
 */
@Injectable()
export class RunRecovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RunRecovery.name);
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    @Inject(RESOLVED_FLOWS_OPTIONS) private readonly options: ResolvedFlowsOptions,
    private readonly store: RunStore,
    private readonly scheduler: FlowScheduler,
  ) {}

  /** Notes a run about to be queued. */
  note(runId: string): Promise<void> {
    return this.store.markPending(runId, Date.now() + this.options.queue.lockDurationMs);
  }

  onApplicationBootstrap(): void {
    if (!this.options.workers) return;
    this.timer = setInterval(() => void this.pass(), this.options.queue.stalledIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One look at the notes that are due; resolves to the runs queued again. */
  async pass(): Promise<string[]> {
    if (this.running) return [];
    this.running = true;
    const requeued: string[] = [];
    try {
      for (const runId of await this.store.duePending(Date.now(), BATCH)) {
        const verdict = await this.check(runId);
        if (verdict === 'requeue') {
          await this.scheduler.enqueue(runId, { jobId: `${runId}@recover` });
          requeued.push(runId);
        } else if (verdict === 'done') await this.store.clearPending(runId);
        // A run waiting its turn is looked at again later, so the runs behind it in the notes get their turn too.
        else await this.note(runId);
      }
      if (requeued.length > 0) this.logger.warn(messages.runsRecovered(requeued.length));
    } catch (error) {
      this.logger.error(messages.recoveryFailed(error instanceof Error ? error.message : String(error)));
    } finally {
      this.running = false;
    }
    return requeued;
  }

  /** `requeue` a run that nothing will move on, `wait` one queued behind its key, `done` one that got going. */
  private async check(runId: string): Promise<'requeue' | 'wait' | 'done'> {
    const hash = await this.store.hash(runId);
    if (hash === undefined) return 'done';
    if (hash.status === 'running') return (await this.store.isLocked(runId)) ? 'wait' : 'requeue';
    if (hash.status !== 'queued') return 'done';
    if (hash.concurrencyKey !== undefined && !(await this.store.isAdmitted(hash.flow ?? '', hash.concurrencyKey, runId))) return 'wait';
    return 'requeue';
  }
}
