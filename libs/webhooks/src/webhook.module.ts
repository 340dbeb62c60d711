import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bull';
import { ASYNC_OPTIONS_TYPE, ConfigurableModuleClass, MODULE_OPTIONS_TOKEN, OPTIONS_TYPE } from './webhook.module-definition.js';
import { DEFAULT_WEBHOOK_OPTIONS as D, WEBHOOK_CLIENTS, WEBHOOK_QUEUE, WEBHOOK_QUEUE_NAME, WEBHOOK_REDIS, WEBHOOK_REDIS_KEYS, WEBHOOK_ROUTE, WEBHOOK_SOURCES } from './webhook.constants.js';
import { connectIntakeClient, createClients, createQueue, resolveWebhookRedisKeys } from './webhook-redis.providers.js';
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
  { provide: WEBHOOK_REDIS_KEYS, inject: [MODULE_OPTIONS_TOKEN], useFactory: resolveWebhookRedisKeys },
  { provide: WEBHOOK_CLIENTS, inject: [MODULE_OPTIONS_TOKEN, WEBHOOK_REDIS_KEYS], useFactory: createClients },
  { provide: WEBHOOK_REDIS, inject: [WEBHOOK_CLIENTS, MODULE_OPTIONS_TOKEN], useFactory: connectIntakeClient },
  { provide: WEBHOOK_QUEUE, inject: [MODULE_OPTIONS_TOKEN, WEBHOOK_CLIENTS, WEBHOOK_REDIS_KEYS, WEBHOOK_REDIS], useFactory: createQueue },
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
