import { fileURLToPath } from 'node:url';

/** Injection token of the Drizzle `Database`; `@InjectDb()` injects it. */
export const DATABASE = Symbol('ecommerce:database');

/** Injection token of the open `DatabaseConnection` (driver, close). */
export const DATABASE_CONNECTION = Symbol('ecommerce:database-connection');

/**
 * apps/ecommerce/drizzle, found from this file so it resolves the same from src/ (tests) and
 * dist/ (the built app): both are one level under the app.
 */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Every default of the module's options, in one place; `resolveDatabaseOptions` applies them. */
export const DEFAULT_DATABASE_OPTIONS = {
  dir: '.data/ecommerce-db',
  poolSize: 10,
  connectTimeoutMs: 5_000,
  isGlobal: true,
} as const;
