import { ConfigurableModuleBuilder } from '@nestjs/common';
import { DEFAULT_FLOWS_OPTIONS as D } from './flows.constants.js';
import type { FlowsModuleExtras, FlowsModuleOptions } from './interfaces/flows-module-options.interface.js';

export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN,
  OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<FlowsModuleOptions>({ moduleName: 'Flows' })
  .setClassMethodName('forRoot')
  .setExtras<FlowsModuleExtras>({ isGlobal: D.isGlobal }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
