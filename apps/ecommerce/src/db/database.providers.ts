import type { Provider } from '@nestjs/common';
import { DATABASE, DATABASE_CONNECTION } from './database.constants.js';
import { MODULE_OPTIONS_TOKEN } from './database.module-definition.js';
import type { DatabaseModuleOptions } from './database.options.js';
import type { DatabaseConnection } from './database.types.js';
import { connectDatabase } from './connect-database.js';
import { DatabaseLifecycle } from './database.lifecycle.js';

export const databaseProviders: Provider[] = [
  // Async, so nothing that injects the database is built before the schema is migrated.
  { provide: DATABASE_CONNECTION, inject: [MODULE_OPTIONS_TOKEN], useFactory: (options: DatabaseModuleOptions) => connectDatabase(options) },
  { provide: DATABASE, inject: [DATABASE_CONNECTION], useFactory: (connection: DatabaseConnection) => connection.db },
  DatabaseLifecycle,
];
