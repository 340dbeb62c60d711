import { Inject, Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { WEBHOOK_QUEUE } from './webhook.constants.js';
import { messages } from './webhook.messages.js';
import type { ExecutionJobData } from './interfaces/execution-job-data.interface.js';
import type { StoredWebhookEvent } from './interfaces/webhook-event.interface.js';

/** An execution that failed its last attempt (or had an invalid payload), kept until replayed. */
export interface DeadLetter {
  /** Pass to `replay()`. */
  readonly id: string;
  readonly handler: string;
  readonly event: StoredWebhookEvent;
  readonly error: string;
  readonly attemptsMade: number;
  readonly failedAt: string | undefined;
}

const PAGE = 500;

/** Dead letters listed by `deadLetters()` when no `limit` is given. */
const DEFAULT_DEAD_LETTER_LIMIT = 100;

/** Inspect and replay dead letters; the only runtime API of the module. */
@Injectable()
export class WebhookAdminService {
  constructor(@Inject(WEBHOOK_QUEUE) private readonly queue: Queue<ExecutionJobData>) {}

  /** Dead letters, newest first. */
  async deadLetters({ offset = 0, limit = DEFAULT_DEAD_LETTER_LIMIT }: { offset?: number; limit?: number } = {}): Promise<DeadLetter[]> {
    const jobs = await this.queue.getFailed(offset, offset + limit - 1);
    return jobs.filter((job): job is Job<ExecutionJobData> => Boolean(job)).map(toDeadLetter);
  }

  async deadLetterCount(): Promise<number> {
    return this.queue.getFailedCount();
  }

  /**
   * Runs the failed execution again, with its full number of attempts; only that handler runs.
   * Returns false when no dead letter has this id.
   */
  async replay(id: string): Promise<boolean> {
    const job = await this.queue.getJob(id);
    if (!job || !(await job.isFailed())) return false;
    // Bull's retry keeps attemptsMade, which would leave a replay a single attempt.
    await this.queue.client.hset(this.queue.toKey(String(job.id)), 'attemptsMade', 0);
    await job.retry();
    return true;
  }

  /** Replays every dead letter present when called; returns how many were replayed. */
  async replayAll(): Promise<number> {
    // Snapshot the ids first: a replay that fails again must not be picked up twice in one call.
    const ids: string[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const jobs = await this.queue.getFailed(offset, offset + PAGE - 1);
      if (jobs.length === 0) break;
      for (const job of jobs) if (job) ids.push(String(job.id));
    }
    let replayed = 0;
    for (const id of ids) if (await this.replay(id)) replayed++;
    return replayed;
  }

  /** Deletes a dead letter for good. */
  async discard(id: string): Promise<boolean> {
    const job = await this.queue.getJob(id);
    if (!job || !(await job.isFailed())) return false;
    await job.remove();
    return true;
  }
}

function toDeadLetter(job: Job<ExecutionJobData>): DeadLetter {
  return {
    id: String(job.id),
    handler: job.data.handler,
    event: job.data.event,
    error: job.failedReason ?? messages.noFailureReason(),
    attemptsMade: job.attemptsMade,
    failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : undefined,
  };
}
