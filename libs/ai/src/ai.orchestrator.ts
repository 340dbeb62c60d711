import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bull';
import type { Redis } from 'ioredis';
import { ignoreWorkerNameFailures, type BullClientFactory } from '@aiwire/core';
import { AI_CLIENTS, AI_QUEUE, AI_REDIS, DEFAULT_AI_OPTIONS as D } from './ai.constants.js';
import { messages } from './ai.messages.js';
import { MODULE_OPTIONS_TOKEN } from './ai.module-definition.js';
import type { AiModuleOptions } from './interfaces/ai-module-options.interface.js';
import { AiJobsProcessor } from './jobs/ai-jobs.processor.js';
import { AiRateLimiter } from './limits/ai-rate-limiter.js';

/** Starts the job workers when the app is up; on shutdown lets running jobs and bookkeeping finish, then closes Redis. */
@Injectable()
export class AiOrchestrator implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('AiJobs');

  constructor(
    @Inject(AI_QUEUE) private readonly queue: Queue,
    @Inject(AI_CLIENTS) private readonly clients: BullClientFactory,
    @Inject(AI_REDIS) private readonly redis: Redis,
    @Inject(MODULE_OPTIONS_TOKEN) private readonly options: AiModuleOptions,
    private readonly processor: AiJobsProcessor,
    private readonly limiter: AiRateLimiter,
  ) {
    // Bull re-emits connection errors on the queue; without a listener they would crash the process.
    let last = '';
    this.queue.on('error', (error: Error) => {
      if (error.message === last || this.redis.status !== 'ready') return;
      last = error.message;
      this.logger.error(`AI queue error: ${error.message}`);
    });
  }

  onApplicationBootstrap(): void {
    const jobs = this.options.jobs ?? {};
    if (!(jobs.workers ?? D.jobsWorkers)) return;
    const concurrency = jobs.concurrency ?? D.jobsConcurrency;
    const stopped = (error: unknown): void => this.logger.error(messages.workerStopped(error instanceof Error ? error.message : String(error)));
    ignoreWorkerNameFailures(this.queue);
    // process() resolves only when the worker stops, so it is not awaited.
    this.queue.process('chat', concurrency, (job) => this.processor.chat(job)).catch(stopped);
    this.queue.process('callback', concurrency, (job) => this.processor.callback(job)).catch(stopped);
    this.logger.log(`AI job workers started (concurrency ${concurrency})`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    // Bull's close() first waits for Redis to be ready, which never happens while it is down.
    if (this.redis.status === 'ready') await this.queue.close();
  }

  async onApplicationShutdown(): Promise<void> {
    // Rate-limit bookkeeping runs after callers have their answers; it lands before Redis closes.
    await this.limiter.drain();
    await this.clients.close();
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }
}
