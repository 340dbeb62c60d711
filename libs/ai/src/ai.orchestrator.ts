import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bull';
import { closeQueue, closeRedis, ignoreWorkerNameFailures, logQueueErrors, type BullClientFactory, type RedisClient } from '@aiwire/core';
import { AI_CLIENTS, AI_OPTIONS, AI_QUEUE, AI_REDIS } from './ai.constants.js';
import { messages } from './ai.messages.js';
import type { ResolvedAiOptions } from './ai.options.js';
import { AiJobsProcessor } from './jobs/ai-jobs.processor.js';
import { AiRateLimiter } from './limits/ai-rate-limiter.js';

/** Starts the job workers when the app is up; on shutdown lets running jobs and bookkeeping finish, then closes Redis. */
@Injectable()
export class AiOrchestrator implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(AiOrchestrator.name);

  constructor(
    @Inject(AI_QUEUE) private readonly queue: Queue,
    @Inject(AI_CLIENTS) private readonly clients: BullClientFactory,
    @Inject(AI_REDIS) private readonly redis: RedisClient,
    @Inject(AI_OPTIONS) private readonly options: ResolvedAiOptions,
    private readonly processor: AiJobsProcessor,
    private readonly limiter: AiRateLimiter,
  ) {
    logQueueErrors(this.queue, this.redis, this.logger, messages.queueError());
  }

  onApplicationBootstrap(): void {
    const { workers, concurrency } = this.options.jobs;
    if (!workers) return;
    const stopped = (error: unknown): void => this.logger.error(messages.workerStopped(error instanceof Error ? error.message : String(error)));
    ignoreWorkerNameFailures(this.queue);
    // process() resolves only when the worker stops, so it is not awaited.
    this.queue.process('chat', concurrency, (job) => this.processor.chat(job)).catch(stopped);
    this.queue.process('callback', concurrency, (job) => this.processor.callback(job)).catch(stopped);
    this.logger.log(messages.workersStarted(concurrency));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await closeQueue(this.queue, this.redis);
  }

  async onApplicationShutdown(): Promise<void> {
    // Rate-limit bookkeeping runs after callers have their answers; it lands before Redis closes.
    await this.limiter.drain();
    await this.clients.close();
    await closeRedis(this.redis);
  }
}
