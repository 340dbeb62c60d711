import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { AiModuleExtras, AiModuleOptions } from './interfaces/ai-module-options.interface.js';

export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN,
  OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<AiModuleOptions>({ moduleName: 'Ai' })
  .setClassMethodName('forRoot')
  .setExtras<AiModuleExtras>({ routes: false, isGlobal: false }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
