import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bull';
import { closeQueue, ignoreWorkerNameFailures, logQueueErrors, type BullClientFactory, type RedisClient } from '@aiwire/core';
import { FLOWS_CLIENTS, FLOWS_QUEUE, FLOWS_REDIS, RESOLVED_FLOWS_OPTIONS } from './flows.constants.js';
import { FlowRegistry } from './flows.registry.js';
import { FlowRunner } from './engine/flow-runner.js';
import { RUN_JOB, type FlowJobData } from './engine/flow-job.js';
import { messages } from './flows.messages.js';
import type { ResolvedFlowsOptions } from './flows.options.js';

/**
 * Starts the flow workers when the app is up (the `run` jobs only: other job names on the queue
 * have their own processors) and stops them in order on shutdown: running executions finish, then
 * the connections close.
 */
@Injectable()
export class FlowsOrchestrator implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(FlowsOrchestrator.name);

  constructor(
    @Inject(FLOWS_QUEUE) private readonly queue: Queue<FlowJobData>,
    @Inject(FLOWS_CLIENTS) private readonly clients: BullClientFactory,
    @Inject(FLOWS_REDIS) private readonly redis: RedisClient,
    @Inject(RESOLVED_FLOWS_OPTIONS) private readonly options: ResolvedFlowsOptions,
    private readonly runner: FlowRunner,
    private readonly registry: FlowRegistry,
  ) {
    logQueueErrors(this.queue, this.redis, this.logger, messages.queueErrorLabel());
  }

  onApplicationBootstrap(): void {
    if (this.registry.all().length === 0) this.logger.warn(messages.noFlows());
    if (!this.options.workers) return;
    const { concurrency } = this.options;
    ignoreWorkerNameFailures(this.queue);
    // Bull's process() resolves only when the worker stops, so it is not awaited here.
    this.queue.process(RUN_JOB, concurrency, (job) => this.runner.process(job)).catch((error: unknown) => {
      this.logger.error(messages.workerStopped(error instanceof Error ? error.message : String(error)));
    });
    this.logger.log(messages.workersStarted(concurrency));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await closeQueue(this.queue, this.redis);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.clients.close();
  }
}
