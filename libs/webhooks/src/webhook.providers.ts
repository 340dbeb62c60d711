import { Logger, type Provider, type Type } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bull';
import Bull from 'bull';
import { computeBackoff, connectBullClients, createBullClientFactory, type BullClientFactory, type RedisClient } from '@aiwire/core';
import { MODULE_OPTIONS_TOKEN } from './webhook.module-definition.js';
import { JITTER_BACKOFF, RESOLVED_WEBHOOK_OPTIONS, WEBHOOK_CLIENTS, WEBHOOK_QUEUE, WEBHOOK_QUEUE_NAME, WEBHOOK_REDIS, WEBHOOK_ROUTE } from './webhook.constants.js';
import { messages } from './webhook.messages.js';
import { resolveWebhookOptions, type ResolvedWebhookOptions } from './webhook.options.js';
import { createWebhookController } from './webhook.controller.js';
import { WebhookHttpMount } from './intake/http-mount.js';
import { WebhookStore } from './intake/webhook-store.js';
import { WebhookIntakeService } from './intake/webhook-intake.service.js';
import { WebhookMetadataAccessor } from './webhook-metadata.accessor.js';
import { WebhookExplorer } from './webhook.explorer.js';
import { WebhookRegistry } from './webhook.registry.js';
import { WebhookDispatcher } from './webhook.dispatcher.js';
import { WebhookOrchestrator } from './webhook.orchestrator.js';
import { WebhookAdminService } from './webhook-admin.service.js';
import type { ExecutionJobData } from './interfaces/execution-job-data.interface.js';
import type { WebhookRoute } from './interfaces/webhook-module-options.interface.js';

/**
 * Bull's connections, shared by the queue and the intake. Built from the resolved options, so bad
 * prefixes and sources are refused before any connection opens.
 */
export function createClients(options: ResolvedWebhookOptions): BullClientFactory {
  return createBullClientFactory(options.redis);
}

/**
 * The intake's connection (Bull's shared 'client'). The app starts even when Redis is down (the
 * intake answers 503 until it is back, with one log line when Redis goes away and one when it is
 * back), but a healthy Redis is connected before the first delivery can arrive, and a Redis that
 * cannot work as configured (cluster options naming a single Redis, or the reverse) fails the
 * startup with `RedisConfigurationError`, its connections closed.
 */
export function connectIntakeClient(clients: BullClientFactory, options: ResolvedWebhookOptions): Promise<RedisClient> {
  return connectBullClients(clients, {
    logger: new Logger('WebhookModule'),
    messages: { down: messages.redisDown, up: messages.redisBack },
    readyTimeoutMs: options.storeTimeoutMs,
  });
}

/** The handler queue; `_intake` is the connected intake client, so the queue opens no connection before it is checked. */
export function createQueue(options: ResolvedWebhookOptions, clients: BullClientFactory, _intake: RedisClient): Bull.Queue<ExecutionJobData> {
  const { queue, backoff } = options;
  return new Bull<ExecutionJobData>(WEBHOOK_QUEUE_NAME, {
    prefix: queue.prefix,
    createClient: clients,
    settings: {
      lockDuration: queue.lockDurationMs,
      stalledInterval: queue.stalledIntervalMs,
      maxStalledCount: queue.maxStalledCount,
      backoffStrategies: {
        // A job carries only what its handler sets (the intake writes no more); the module's resolved backoff is the rest.
        [JITTER_BACKOFF]: (attemptsMade: number, _error: Error, opts?: { delayMs?: number; maxDelayMs?: number } | null) =>
          computeBackoff(attemptsMade, { baseMs: opts?.delayMs ?? backoff.delayMs, maxMs: opts?.maxDelayMs ?? backoff.maxDelayMs, jitter: 'full' }),
      },
    },
  });
}

/** Everything the module provides whatever the mount: options, connections, queue, pipeline. */
export const webhookProviders: Provider[] = [
  { provide: RESOLVED_WEBHOOK_OPTIONS, inject: [MODULE_OPTIONS_TOKEN], useFactory: resolveWebhookOptions },
  { provide: WEBHOOK_CLIENTS, inject: [RESOLVED_WEBHOOK_OPTIONS], useFactory: createClients },
  { provide: WEBHOOK_REDIS, inject: [WEBHOOK_CLIENTS, RESOLVED_WEBHOOK_OPTIONS], useFactory: connectIntakeClient },
  { provide: WEBHOOK_QUEUE, inject: [RESOLVED_WEBHOOK_OPTIONS, WEBHOOK_CLIENTS, WEBHOOK_REDIS], useFactory: createQueue },
  { provide: getQueueToken(WEBHOOK_QUEUE_NAME), useExisting: WEBHOOK_QUEUE },
  WebhookMetadataAccessor, WebhookRegistry, WebhookExplorer, WebhookStore, WebhookIntakeService,
  WebhookDispatcher, WebhookOrchestrator, WebhookAdminService,
];

/** How deliveries reach the intake: a listener on the HTTP server, or a Nest controller. */
export function intakeMount(route: WebhookRoute): { providers: Provider[]; controllers: Type<unknown>[] } {
  const routeProvider: Provider = { provide: WEBHOOK_ROUTE, useValue: route };
  if (route.mount === 'server') return { providers: [routeProvider, WebhookHttpMount], controllers: [] };
  return { providers: [routeProvider], controllers: [createWebhookController(route.prefix)] };
}
