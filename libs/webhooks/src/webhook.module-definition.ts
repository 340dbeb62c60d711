import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { WebhookModuleExtras, WebhookModuleOptions } from './interfaces/webhook-module-options.interface.js';

export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN,
  OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<WebhookModuleOptions>({ moduleName: 'Webhook' })
  .setClassMethodName('forRoot')
  .setExtras<WebhookModuleExtras>({ prefix: 'webhooks', mount: 'server', isGlobal: false }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
