import { DEFAULT_DATABASE_OPTIONS as D, MIGRATIONS_FOLDER } from './database.constants.js';

/** Options of `DatabaseModule.forRoot`; with neither `url` nor `dir`, `DATABASE_URL` / `DATABASE_DIR` decide. */
export interface DatabaseModuleOptions {
  /**
   * A PostgreSQL connection string (`postgres://user:pass@host:5432/db`); when set, node-postgres
   * is used and `dir` is ignored. Needed when several processes (ROLE=api and ROLE=worker) share one database.
   * @default process.env.DATABASE_URL, else none (the embedded PGlite database)
   */
  url?: string;
  /**
   * Directory of the embedded PGlite database, relative to the working directory; created if
   * missing. `memory://` keeps it in memory (tests). One process per directory.
   * @default process.env.DATABASE_DIR ?? '.data/ecommerce-db'
   */
  dir?: string;
  /**
   * Folder of the SQL migrations (drizzle's journal format) applied at startup.
   * @default apps/ecommerce/drizzle
   */
  migrationsFolder?: string;
  /**
   * Most connections the pg pool opens (not used by PGlite, which is one connection in-process).
   * @default 10
   */
  poolSize?: number;
  /**
   * How long the first pg connection may take before startup fails with `DatabaseUnavailableError`, in ms.
   * @default 5000
   */
  connectTimeoutMs?: number;
}

/** Module-level extras of `forRoot`. */
export interface DatabaseModuleExtras {
  /**
   * Makes `@InjectDb()` available in every module of the app.
   * @default true
   */
  isGlobal?: boolean;
}

export type ResolvedDatabaseOptions =
  | { readonly driver: 'pg'; readonly url: string; readonly migrationsFolder: string; readonly poolSize: number; readonly connectTimeoutMs: number }
  | { readonly driver: 'pglite'; readonly dir: string; readonly migrationsFolder: string };

/**
 * Applies the defaults once. Explicit options win over the environment as a whole, so a test that
 * passes `{ dir: 'memory://' }` is not redirected by a `DATABASE_URL` set in the shell.
 */
export function resolveDatabaseOptions(options: DatabaseModuleOptions, env: NodeJS.ProcessEnv = process.env): ResolvedDatabaseOptions {
  const explicit = options.url !== undefined || options.dir !== undefined;
  const url = explicit ? options.url : nonEmpty(env.DATABASE_URL);
  const dir = (explicit ? options.dir : nonEmpty(env.DATABASE_DIR)) ?? D.dir;
  const migrationsFolder = options.migrationsFolder ?? MIGRATIONS_FOLDER;
  if (url !== undefined) {
    return { driver: 'pg', url, migrationsFolder, poolSize: options.poolSize ?? D.poolSize, connectTimeoutMs: options.connectTimeoutMs ?? D.connectTimeoutMs };
  }
  return { driver: 'pglite', dir, migrationsFolder };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
