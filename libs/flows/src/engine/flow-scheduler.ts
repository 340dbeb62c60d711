import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { currentInstrumentation } from '@aiwire/core';
import { FLOWS_QUEUE, FLOWS_QUEUE_NAME } from '../flows.constants.js';
import { RUN_JOB, type FlowJobData } from './flow-job.js';

/** Failed jobs kept for inspection (a job fails only when Redis did, never when a flow did). */
const KEEP_FAILED_JOBS = 1_000;

export interface EnqueueOptions {
  /** When the run resumes (ms since the epoch). @default now */
  readonly wakeAt?: number;
  /** The Bull job id. @default Bull's own */
  readonly jobId?: string;
  /** See `FlowJobData.locked`. */
  readonly locked?: number;
}

/** Puts runs on the flow queue: now, or as a delayed job at a wake-up time. */
@Injectable()
export class FlowScheduler {
  constructor(@Inject(FLOWS_QUEUE) private readonly queue: Queue<FlowJobData>) {}

  /**
   * One `run` job for the run, now or at `wakeAt` (ms). A duplicate is harmless (the run lock and the
   * stored steps make a second execution a no-op); `jobId` makes Bull add nothing while a job of that id exists.
   */
  async enqueue(runId: string, options: EnqueueOptions = {}): Promise<void> {
    const { wakeAt, jobId, locked } = options;
    const delay = wakeAt === undefined ? 0 : Math.max(0, wakeAt - Date.now());
    const jobOptions = {
      removeOnComplete: true,
      removeOnFail: KEEP_FAILED_JOBS,
      attempts: 5,
      backoff: { type: 'exponential', delay: 1_000 },
      ...(delay > 0 && { delay }),
      ...(jobId !== undefined && { jobId }),
    };
    const instrumentation = currentInstrumentation();
    if (instrumentation === undefined) {
      await this.queue.add(RUN_JOB, locked === undefined ? { runId } : { runId, locked }, jobOptions);
      return;
    }
    const span = instrumentation.startProducer(`send ${FLOWS_QUEUE_NAME}`, {
      'messaging.system': 'bull',
      'messaging.destination.name': FLOWS_QUEUE_NAME,
      'messaging.operation.type': 'send',
      'aiwire.flow.run_id': runId,
    });
    try {
      await this.queue.add(RUN_JOB, { runId, ...(span.carrier && { trace: span.carrier }), ...(locked !== undefined && { locked }) }, jobOptions);
      span.end();
    } catch (error) {
      span.end({ error });
      throw error;
    }
  }
}
