import { Logger } from '@nestjs/common';
import { resolveDatabaseOptions, type DatabaseModuleOptions, type ResolvedDatabaseOptions } from './database.options.js';
import type { DatabaseConnection } from './database.types.js';
import { messages } from './database.messages.js';
import { DatabaseMigrationError } from './errors/database-migration.error.js';
import { openPglite } from './drivers/pglite.driver.js';
import { openPostgres } from './drivers/postgres.driver.js';
import { reasonOf } from './drivers/driver-utils.js';

/** Opens the database the options (or the environment) name, without migrating. */
export function openDatabase(options: ResolvedDatabaseOptions): Promise<DatabaseConnection> {
  return options.driver === 'pg' ? openPostgres(options.url, options) : openPglite(options.dir);
}

/**
 * Opens the database and brings its schema up to date: what `DatabaseModule` does at startup, and
 * what a script or a test outside Nest calls. The caller closes the connection.
 */
export async function connectDatabase(options: DatabaseModuleOptions = {}, logger = new Logger('DatabaseModule')): Promise<DatabaseConnection> {
  const resolved = resolveDatabaseOptions(options);
  const started = performance.now();
  const connection = await openDatabase(resolved);
  let applied: number;
  try {
    applied = await connection.migrate(resolved.migrationsFolder);
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw new DatabaseMigrationError(messages.migrationFailed(connection.location, reasonOf(error)), { cause: error });
  }
  logger.log(messages.opened(connection.driver, connection.location, applied, Math.round(performance.now() - started)));
  return connection;
}
