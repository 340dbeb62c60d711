import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { assertPublicUrl } from '@aiwire/core';
import { jobChannel } from '../ai.channels.js';
import { AI_OPTIONS, AI_QUEUE } from '../ai.constants.js';
import { messages } from '../ai.messages.js';
import type { ResolvedAiOptions } from '../ai.options.js';
import { AiConfigurationError } from '../errors/ai-configuration.error.js';
import { prepareRequest } from '../execution/prepare-request.js';
import type { AiJob, AiJobRequest, SubmitOptions } from '../interfaces/ai-job.interface.js';
import type { ChatRequest } from '../interfaces/chat.interface.js';
import { AiJobStore } from './ai-job.store.js';
import { queueInContext, type AiJobContext } from './ai-job.context.js';

/** What a `chat` job carries in Bull. */
export interface ChatJobData extends AiJobContext {
  request: AiJobRequest;
  callbackUrl?: string;
}

/**
 * Async AI calls: `submit` queues a chat on the Bull queue `ai`, `get` reads its state and result.
 * @publicApi
 */
@Injectable()
export class AiJobsService {
  constructor(
    @Inject(AI_OPTIONS) private readonly options: ResolvedAiOptions,
    @Inject(AI_QUEUE) private readonly queue: Queue,
    private readonly store: AiJobStore,
  ) {}

  /**
   * Queues `request`; resolves once the job is stored and queued. A callbackUrl is checked now
   * (public http(s) address or an allowed host, and a callbackSecret to sign with) and again
   * before each delivery.
   */
  async submit(request: ChatRequest | AiJobRequest, options: SubmitOptions = {}): Promise<{ jobId: string }> {
    const prepared = prepareRequest(request as ChatRequest, this.options);
    // Only a drawn id may be read through the HTTP routes (see AiJobStore).
    const idDrawn = options.jobId === undefined;
    const jobId = options.jobId ?? randomUUID();
    if (!/^[\w.:-]{1,128}$/.test(jobId)) throw new AiConfigurationError(messages.badArgument(messages.badJobId()));
    if (options.callbackUrl !== undefined) {
      if (!this.options.jobs.callbackSecret) throw new AiConfigurationError(messages.callbackNeedsSecret());
      await assertPublicUrl(options.callbackUrl, { allowHosts: this.options.jobs.callbackAllowHosts });
    }
    const { signal: _signal, schema: _schema, ...rest } = request as ChatRequest;
    const data: ChatJobData = {
      jobId,
      request: { ...rest, ...(prepared.output && { schema: prepared.output.jsonSchema, schemaName: prepared.output.spec.name }) },
      ...(options.callbackUrl !== undefined && { callbackUrl: options.callbackUrl }),
    };
    const now = new Date().toISOString();
    const job: AiJob = {
      jobId,
      status: 'queued',
      createdAt: now,
      updatedAt: now,
      runs: 0,
      ...(options.callbackUrl !== undefined && { callback: { host: new URL(options.callbackUrl).host, state: 'pending', attempts: 0 } }),
    };
    if (!(await this.store.create(job, idDrawn))) return { jobId };
    // The job state is stored first, so a worker never finds a job it cannot record.
    await queueInContext('chat', data, (queued) => this.queue.add('chat', queued, { jobId, attempts: 1, removeOnComplete: true, removeOnFail: true }));
    if (jobChannel.hasSubscribers) jobChannel.publish({ jobId, event: 'queued' });
    return { jobId };
  }

  /** The job's state and, once done, its result or error; undefined when unknown or expired. */
  get(jobId: string): Promise<AiJob | undefined> {
    return this.store.get(jobId);
  }
}
