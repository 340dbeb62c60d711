import { Logger, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bull';
import Bull from 'bull';
import type { Redis } from 'ioredis';
import { computeBackoff, createBullClientFactory, type BullClientFactory } from '@aiwire/core';
import { ASYNC_OPTIONS_TYPE, ConfigurableModuleClass, MODULE_OPTIONS_TOKEN, OPTIONS_TYPE } from './webhook.module-definition.js';
import { DEFAULT_WEBHOOK_OPTIONS as D, JITTER_BACKOFF, WEBHOOK_CLIENTS, WEBHOOK_QUEUE, WEBHOOK_QUEUE_NAME, WEBHOOK_REDIS, WEBHOOK_ROUTE, WEBHOOK_SOURCES } from './webhook.constants.js';
import { createWebhookController } from './webhook.controller.js';
import { WebhookHttpMount } from './intake/http-mount.js';
import { resolveSources } from './webhook-sources.js';
import { WebhookMetadataAccessor } from './webhook-metadata.accessor.js';
import { WebhookExplorer } from './webhook.explorer.js';
import { WebhookRegistry } from './webhook.registry.js';
import { WebhookStore } from './intake/webhook-store.js';
import { WebhookIntakeService } from './intake/webhook-intake.service.js';
import { WebhookDispatcher } from './webhook.dispatcher.js';
import { WebhookOrchestrator } from './webhook.orchestrator.js';
import { WebhookAdminService } from './webhook-admin.service.js';
import type { WebhookModuleExtras, WebhookModuleOptions, WebhookRoute } from './interfaces/webhook-module-options.interface.js';

const providers: Provider[] = [
  { provide: WEBHOOK_SOURCES, inject: [MODULE_OPTIONS_TOKEN], useFactory: (o: WebhookModuleOptions) => resolveSources(o.sources) },
  { provide: WEBHOOK_CLIENTS, inject: [MODULE_OPTIONS_TOKEN], useFactory: createClients },
  { provide: WEBHOOK_REDIS, inject: [WEBHOOK_CLIENTS, MODULE_OPTIONS_TOKEN], useFactory: connectIntakeClient },
  { provide: WEBHOOK_QUEUE, inject: [MODULE_OPTIONS_TOKEN, WEBHOOK_CLIENTS], useFactory: createQueue },
  { provide: getQueueToken(WEBHOOK_QUEUE_NAME), useExisting: WEBHOOK_QUEUE },
  WebhookMetadataAccessor, WebhookRegistry, WebhookExplorer, WebhookStore, WebhookIntakeService,
  WebhookDispatcher, WebhookOrchestrator, WebhookAdminService,
];

/**
 * Secure, durable webhook intake: `POST /{prefix}/:source` verifies, de-duplicates and stores
 * each delivery, and workers run the matching `@OnWebhook` handlers.
 */
@Module({
  imports: [DiscoveryModule],
  providers,
  exports: [WebhookAdminService, WebhookIntakeService, WEBHOOK_QUEUE, getQueueToken(WEBHOOK_QUEUE_NAME)],
})
export class WebhookModule extends ConfigurableModuleClass {
  static override forRoot(options: typeof OPTIONS_TYPE): DynamicModule {
    return withIntakeRoute(super.forRoot(options), options);
  }

  static override forRootAsync(options: typeof ASYNC_OPTIONS_TYPE): DynamicModule {
    return withIntakeRoute(super.forRootAsync(options), options);
  }
}

function withIntakeRoute(definition: DynamicModule, extras: WebhookModuleExtras): DynamicModule {
  const route: WebhookRoute = { prefix: extras.prefix ?? D.prefix, mount: extras.mount ?? D.mount };
  const routeProvider: Provider = { provide: WEBHOOK_ROUTE, useValue: route };
  if (route.mount === 'server') return { ...definition, providers: [...(definition.providers ?? []), routeProvider, WebhookHttpMount] };
  return { ...definition, providers: [...(definition.providers ?? []), routeProvider], controllers: [createWebhookController(route.prefix)] };
}

/**
 * The app starts even when Redis is down (the intake answers 503 until it is back), but a
 * healthy Redis is connected before the first delivery can arrive.
 */
async function connectIntakeClient(clients: BullClientFactory, options: WebhookModuleOptions): Promise<Redis> {
  const redis = clients('client') as unknown as Redis;
  if (redis.status === 'ready') return redis;
  const timeoutMs = options.storeTimeoutMs ?? D.storeTimeoutMs;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    redis.once('ready', done);
  });
  return redis;
}

/** One log line when Redis goes away and one when it is back, instead of one per reconnect attempt. */
function createClients(options: WebhookModuleOptions): BullClientFactory {
  const logger = new Logger('WebhookModule');
  let down = false;
  let lastError = 'connection lost';
  const clients = createBullClientFactory(options.redis, {
    onError: (error, type) => {
      if (type === 'client') lastError = error.message;
    },
  });
  const client = clients('client') as unknown as Redis;
  // 'reconnecting' fires only for connections lost unexpectedly, never for a deliberate quit.
  client.on('reconnecting', () => {
    if (down) return;
    down = true;
    logger.error(`Redis unreachable (${lastError}); webhooks are answered 503 until it is back`);
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    logger.log('Redis connection restored; webhooks are accepted again');
  });
  return clients;
}

function createQueue(options: WebhookModuleOptions, clients: BullClientFactory): Bull.Queue {
  const queue = options.queue ?? {};
  return new Bull(WEBHOOK_QUEUE_NAME, {
    prefix: queue.prefix ?? D.queuePrefix,
    createClient: clients,
    settings: {
      lockDuration: queue.lockDurationMs ?? D.lockDurationMs,
      stalledInterval: queue.stalledIntervalMs ?? D.stalledIntervalMs,
      maxStalledCount: queue.maxStalledCount ?? D.maxStalledCount,
      backoffStrategies: {
        [JITTER_BACKOFF]: (attemptsMade: number, _error: Error, opts?: { delayMs: number; maxDelayMs: number }) =>
          computeBackoff(attemptsMade, { baseMs: opts?.delayMs ?? D.backoffDelayMs, maxMs: opts?.maxDelayMs ?? D.backoffMaxDelayMs, jitter: 'full' }),
      },
    },
  });
}
