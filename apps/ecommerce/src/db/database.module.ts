import { Module } from '@nestjs/common';
import { ConfigurableModuleClass } from './database.module-definition.js';
import { DATABASE, DATABASE_CONNECTION } from './database.constants.js';
import { databaseProviders } from './database.providers.js';

/**
 * The shop's database: embedded PGlite by default, PostgreSQL when a URL is given, migrated at
 * startup and closed on shutdown. `DatabaseModule.forRoot({ url?, dir? })`, then `@InjectDb()`.
 * The same in every ROLE: API and workers both read and write rows.
 */
@Module({
  providers: databaseProviders,
  exports: [DATABASE, DATABASE_CONNECTION],
})
export class DatabaseModule extends ConfigurableModuleClass {}
