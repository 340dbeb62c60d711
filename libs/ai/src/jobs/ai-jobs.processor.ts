import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { signStandardWebhook, SsrfBlockedError } from '@aiwire/core';
import { jobChannel } from '../ai.channels.js';
import { AI_OPTIONS, AI_QUEUE, CALLBACK_BACKOFF } from '../ai.constants.js';
import { messages } from '../ai.messages.js';
import type { ResolvedAiOptions } from '../ai.options.js';
import { AiService } from '../ai.service.js';
import { AiCallbackError } from '../errors/ai-callback.error.js';
import { AiUnavailableError } from '../errors/ai-unavailable.error.js';
import type { AiJob, AiJobCallbackBody } from '../interfaces/ai-job.interface.js';
import type { ChatRequest } from '../interfaces/chat.interface.js';
import { AiJobStore } from './ai-job.store.js';
import type { ChatJobData } from './ai-jobs.service.js';
import { deliverCallback } from './callback-sender.js';
import { queueInContext, runInContext, type AiJobContext } from './ai-job.context.js';

/** What a `callback` job carries in Bull. */
export interface CallbackJobData extends AiJobContext {
  callbackUrl: string;
}

/** Runs queued chats and delivers their signed callbacks, retried with backoff. */
@Injectable()
export class AiJobsProcessor {
  private readonly logger = new Logger(AiJobsProcessor.name);

  constructor(
    @Inject(AI_OPTIONS) private readonly options: ResolvedAiOptions,
    @Inject(AI_QUEUE) private readonly queue: Queue,
    private readonly store: AiJobStore,
    private readonly ai: AiService,
  ) {}

  /** Runs a queued chat with the correlation id of what queued it (and in its trace). */
  chat(job: Job<ChatJobData>): Promise<void> {
    return runInContext('chat', job, () => this.runChat(job));
  }

  /** Delivers a callback, in the context of its chat job. */
  callback(job: Job<CallbackJobData>): Promise<void> {
    return runInContext('callback', job, () => this.deliver(job));
  }

  /** Resolves to the chat's error when it failed (recorded, not thrown: the job itself succeeded). */
  private async runChat(job: Job<ChatJobData>): Promise<unknown> {
    const { jobId, request, callbackUrl } = job.data;
    const started = await this.store.update(jobId, (j) => ({ ...j, status: 'running', runs: j.runs + 1 }));
    if (!started) return undefined; // expired before a worker got to it
    this.publish(jobId, 'running');
    let failure: unknown;
    try {
      const result = await this.ai.chat(request as ChatRequest);
      await this.store.update(jobId, (j) => ({ ...j, status: 'completed', result }));
      this.publish(jobId, 'completed');
    } catch (error) {
      failure = error;
      const described = describe(error);
      this.logger.warn(messages.jobFailed(jobId, described.message));
      await this.store.update(jobId, (j) => ({ ...j, status: 'failed', error: described }));
      this.publish(jobId, 'failed', { error: described.message });
    }
    if (callbackUrl !== undefined) {
      await queueInContext<CallbackJobData>('callback', { jobId, callbackUrl }, (data) => this.queue.add('callback', data, {
        jobId: `${jobId}:callback`,
        attempts: this.options.jobs.callbackAttempts,
        backoff: { type: CALLBACK_BACKOFF },
        removeOnComplete: true,
        removeOnFail: true,
      }));
    }
    return failure;
  }

  private async deliver(job: Job<CallbackJobData>): Promise<void> {
    const { jobId, callbackUrl } = job.data;
    const { jobs } = this.options;
    const record = await this.store.get(jobId);
    if (!record || !jobs.callbackSecret) return;
    const attempt = job.attemptsMade + 1;
    const attempts = job.opts.attempts ?? 1;
    const body = JSON.stringify(callbackBody(record));
    // The same webhook-id on every retry lets receivers de-duplicate deliveries.
    const headers = { 'content-type': 'application/json', ...signStandardWebhook(jobs.callbackSecret, body, { id: `msg_${jobId}`, timestamp: Math.floor(Date.now() / 1000) }) };
    let failure: string;
    try {
      const { status } = await deliverCallback(callbackUrl, body, headers, { allowHosts: jobs.callbackAllowHosts, timeoutMs: jobs.callbackTimeoutMs });
      if (status >= 200 && status < 300) {
        await this.store.update(jobId, (j) => ({ ...j, ...(j.callback && { callback: { ...j.callback, state: 'delivered', attempts: attempt, lastStatus: status, deliveredAt: new Date().toISOString() } }) }));
        this.publish(jobId, 'callback_delivered', { status, attempt });
        return;
      }
      failure = messages.callbackRefused(status);
      await this.recordFailure(jobId, attempt, failure, status);
      // 410 Gone: the receiver says this endpoint is gone for good.
      if (status === 410) return this.giveUp(jobId, failure);
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
      await this.recordFailure(jobId, attempt, failure);
      if (error instanceof SsrfBlockedError) return this.giveUp(jobId, failure);
    }
    if (attempt >= attempts) return this.giveUp(jobId, failure);
    this.logger.warn(messages.callbackFailed(jobId, attempt, attempts, failure));
    this.publish(jobId, 'callback_failed', { attempt, error: failure });
    throw new AiCallbackError(failure);
  }

  private async recordFailure(jobId: string, attempt: number, error: string, status?: number): Promise<void> {
    await this.store.update(jobId, (j) => ({ ...j, ...(j.callback && { callback: { ...j.callback, attempts: attempt, lastError: error, ...(status !== undefined && { lastStatus: status }) } }) }));
  }

  private async giveUp(jobId: string, reason: string): Promise<void> {
    this.logger.error(messages.callbackGaveUp(jobId, reason));
    await this.store.update(jobId, (j) => ({ ...j, ...(j.callback && { callback: { ...j.callback, state: 'failed' } }) }));
    this.publish(jobId, 'callback_gave_up', { error: reason });
  }

  private publish(jobId: string, event: Parameters<typeof jobChannel.publish>[0]['event'], extra: { status?: number; attempt?: number; error?: string } = {}): void {
    if (jobChannel.hasSubscribers) jobChannel.publish({ jobId, event, ...extra });
  }
}

function callbackBody(job: AiJob): AiJobCallbackBody {
  return {
    type: job.status === 'completed' ? 'ai.job.completed' : 'ai.job.failed',
    timestamp: new Date().toISOString(),
    data: { jobId: job.jobId, status: job.status, ...(job.result && { result: job.result }), ...(job.error && { error: job.error }) },
  };
}

function describe(error: unknown): NonNullable<AiJob['error']> {
  if (error instanceof AiUnavailableError) return { name: error.name, message: error.message, failures: error.failures };
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
}
