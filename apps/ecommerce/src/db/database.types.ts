import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.js';

/**
 * The Drizzle database of the shop, whichever driver is behind it: PGlite and node-postgres share
 * this PostgreSQL query builder, so code written against it runs on both.
 */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** `pglite`: embedded PostgreSQL (WASM) in this process; `pg`: a PostgreSQL server via node-postgres. */
export type DatabaseDriver = 'pglite' | 'pg';

/** An open database: the Drizzle handle plus what only the driver can do. */
export interface DatabaseConnection {
  readonly db: Database;
  readonly driver: DatabaseDriver;
  /** Where it is, fit for a log line (a URL's password is masked). */
  readonly location: string;
  /** Applies the migrations of `folder` not applied yet; resolves to how many it applied. */
  migrate(folder: string): Promise<number>;
  /** Ends the client (PGlite flushes its files; the pg pool closes its connections). */
  close(): Promise<void>;
}
