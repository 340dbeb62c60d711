import { ConfigurableModuleBuilder } from '@nestjs/common';
import { DEFAULT_WEBHOOK_OPTIONS as D } from './webhook.constants.js';
import type { WebhookModuleExtras, WebhookModuleOptions } from './interfaces/webhook-module-options.interface.js';

export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN,
  OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<WebhookModuleOptions>({ moduleName: 'Webhook' })
  .setClassMethodName('forRoot')
  .setExtras<WebhookModuleExtras>({ prefix: D.prefix, mount: D.mount, isGlobal: D.isGlobal }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
