import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bull';
import { ASYNC_OPTIONS_TYPE, ConfigurableModuleClass, OPTIONS_TYPE } from './webhook.module-definition.js';
import { WEBHOOK_QUEUE, WEBHOOK_QUEUE_NAME } from './webhook.constants.js';
import { intakeMount, webhookProviders } from './webhook.providers.js';
import { resolveWebhookRoute } from './webhook.options.js';
import { WebhookAdminService } from './webhook-admin.service.js';
import { WebhookHandlers } from './webhook-handlers.service.js';
import type { WebhookModuleExtras } from './interfaces/webhook-module-options.interface.js';

/**
 * Secure, durable webhook intake: `POST /{prefix}/:source` verifies, de-duplicates and stores
 * each delivery, and workers run the matching `@OnWebhook` handlers.
 */
@Module({
  imports: [DiscoveryModule],
  providers: [...webhookProviders, WebhookHandlers],
  exports: [WebhookAdminService, WebhookHandlers, WEBHOOK_QUEUE, getQueueToken(WEBHOOK_QUEUE_NAME)],
})
export class WebhookModule extends ConfigurableModuleClass {
  static override forRoot(options: typeof OPTIONS_TYPE): DynamicModule {
    return withIntakeMount(super.forRoot(options), options);
  }

  static override forRootAsync(options: typeof ASYNC_OPTIONS_TYPE): DynamicModule {
    return withIntakeMount(super.forRootAsync(options), options);
  }
}

function withIntakeMount(definition: DynamicModule, extras: WebhookModuleExtras): DynamicModule {
  const mount = intakeMount(resolveWebhookRoute(extras));
  return {
    ...definition,
    providers: [...(definition.providers ?? []), ...mount.providers],
    controllers: [...(definition.controllers ?? []), ...mount.controllers],
  };
}
