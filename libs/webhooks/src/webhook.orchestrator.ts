import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bull';
import { ignoreWorkerNameFailures, type BullClientFactory, type RedisClient } from '@aiwire/core';
import { WebhookDispatcher } from './webhook.dispatcher.js';
import { WebhookRegistry } from './webhook.registry.js';
import { messages } from './webhook.messages.js';
import { MODULE_OPTIONS_TOKEN } from './webhook.module-definition.js';
import { DEFAULT_WEBHOOK_OPTIONS as D, WEBHOOK_CLIENTS, WEBHOOK_QUEUE, WEBHOOK_REDIS } from './webhook.constants.js';
import type { ExecutionJobData } from './intake/webhook-store.js';
import type { WebhookModuleOptions } from './interfaces/webhook-module-options.interface.js';

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
    @Inject(MODULE_OPTIONS_TOKEN) private readonly options: WebhookModuleOptions,
    @Inject(WEBHOOK_REDIS) private readonly redis: RedisClient,
    private readonly dispatcher: WebhookDispatcher,
    private readonly registry: WebhookRegistry,
  ) {
    // Bull re-emits its connections' errors on the queue; an 'error' event without a listener
    // would crash the process. Connection loss is already logged once by the module.
    let last = '';
    this.queue.on('error', (error: Error) => {
      if (error.message === last || this.redis.status !== 'ready') return;
      last = error.message;
      this.logger.error(`Webhook queue error: ${error.message}`);
    });
  }

  onApplicationBootstrap(): void {
    if (this.registry.all().length === 0) this.logger.warn(messages.noHandlers());
    if (!(this.options.workers ?? D.workers)) return;
    const concurrency = this.options.concurrency ?? D.concurrency;
    ignoreWorkerNameFailures(this.queue);
    // Bull's process() resolves only when the worker stops, so it is not awaited here.
    this.queue.process(concurrency, (job) => this.dispatcher.process(job)).catch((error: unknown) => {
      this.logger.error(`Webhook worker stopped: ${error instanceof Error ? error.message : String(error)}`);
    });
    this.logger.log(`Webhook workers started (concurrency ${concurrency})`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    // Bull's close() first waits for Redis to be ready, which never happens while it is down.
    if (this.redis.status === 'ready') await this.queue.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.clients.close();
  }
}
