import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bull';
import { closeQueue, ignoreWorkerNameFailures, logQueueErrors, type BullClientFactory, type RedisClient } from '@aiwire/core';
import { WebhookDispatcher } from './webhook.dispatcher.js';
import { WebhookRegistry } from './webhook.registry.js';
import { messages } from './webhook.messages.js';
import { RESOLVED_WEBHOOK_OPTIONS, WEBHOOK_CLIENTS, WEBHOOK_QUEUE, WEBHOOK_REDIS } from './webhook.constants.js';
import type { ResolvedWebhookOptions } from './webhook.options.js';
import type { ExecutionJobData } from './interfaces/execution-job-data.interface.js';

/**
 * Starts the workers when the app is up and stops them in order on shutdown: in-flight handlers
 * finish (SIGTERM with `enableShutdownHooks()`), then Redis connections close after the HTTP server.
 */
@Injectable()
export class WebhookOrchestrator implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookOrchestrator.name);

  constructor(
    @Inject(WEBHOOK_QUEUE) private readonly queue: Queue<ExecutionJobData>,
    @Inject(WEBHOOK_CLIENTS) private readonly clients: BullClientFactory,
    @Inject(RESOLVED_WEBHOOK_OPTIONS) private readonly options: ResolvedWebhookOptions,
    @Inject(WEBHOOK_REDIS) private readonly redis: RedisClient,
    private readonly dispatcher: WebhookDispatcher,
    private readonly registry: WebhookRegistry,
  ) {
    // Connection loss is already logged once by the module; this logs the queue's other errors.
    logQueueErrors(this.queue, this.redis, this.logger, messages.queueErrorLabel());
  }

  onApplicationBootstrap(): void {
    if (this.registry.all().length === 0) this.logger.warn(messages.noHandlers());
    if (!this.options.workers) return;
    const { concurrency } = this.options;
    ignoreWorkerNameFailures(this.queue);
    // Bull's process() resolves only when the worker stops, so it is not awaited here.
    this.queue.process(concurrency, (job) => this.dispatcher.process(job)).catch((error: unknown) => {
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
