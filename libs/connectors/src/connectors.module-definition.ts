import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { ConnectorsModuleExtras, ConnectorsModuleOptions } from './interfaces/connectors-module-options.interface.js';

export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN,
  OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<ConnectorsModuleOptions>({ moduleName: 'Connectors' })
  .setClassMethodName('forRoot')
  .setExtras<ConnectorsModuleExtras>({ isGlobal: false, connectorNames: [] }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
