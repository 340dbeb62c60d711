import { ConfigurableModuleBuilder } from '@nestjs/common';
import { DEFAULT_DATABASE_OPTIONS as D } from './database.constants.js';
import type { DatabaseModuleExtras, DatabaseModuleOptions } from './database.options.js';

export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN,
  OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<DatabaseModuleOptions>({ moduleName: 'Database' })
  .setClassMethodName('forRoot')
  .setExtras<DatabaseModuleExtras>({ isGlobal: D.isGlobal }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
