import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { MonitoringModuleExtras, MonitoringModuleOptions } from './interfaces/monitoring-module-options.interface.js';

export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN,
  OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<MonitoringModuleOptions>({ moduleName: 'Monitoring' })
  .setClassMethodName('forRoot')
  .setExtras<MonitoringModuleExtras>({ isGlobal: true, routes: {} }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
