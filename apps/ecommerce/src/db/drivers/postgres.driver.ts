import { Logger } from '@nestjs/common';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import * as schema from '../schema.js';
import { messages } from '../database.messages.js';
import { DatabaseUnavailableError } from '../errors/database-unavailable.error.js';
import type { DatabaseConnection } from '../database.types.js';
import { countMigrations, maskPassword, reasonOf } from './driver-utils.js';

/**
 * Key of the session advisory lock held while migrating: processes started together (1 API + N
 * workers) would otherwise all see "nothing applied" and race on CREATE TABLE.
 */
const MIGRATION_LOCK_KEY = 0x61_69_77_69_72_65; // "aiwire"

/** Connects a pool to the server at `url` and checks that it answers before anything is built on it. */
export async function openPostgres(url: string, options: { poolSize: number; connectTimeoutMs: number }): Promise<DatabaseConnection> {
  const location = maskPassword(url);
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize, connectionTimeoutMillis: options.connectTimeoutMs });
  // Without a listener, a server restart that kills an idle connection would crash the process.
  pool.on('error', (error) => new Logger('DatabaseModule').warn(messages.idleClientError(error.message)));
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseUnavailableError(messages.unreachable(location, reasonOf(error)), { cause: error });
  }
  return {
    db: drizzle({ client: pool, schema }),
    driver: 'pg',
    location,
    async migrate(folder) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        const query = async (sql: string) => (await client.query<Record<string, unknown>>(sql)).rows;
        const before = await countMigrations(query);
        // Same connection as the lock, so the lock covers drizzle's whole check-then-apply.
        await migrate(drizzle({ client, schema }), { migrationsFolder: folder });
        const applied = (await countMigrations(query)) - before;
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
        return applied;
      } catch (error) {
        broken = error instanceof Error ? error : new Error(String(error));
        throw error;
      } finally {
        // A connection that failed mid-migration may still hold the lock: destroy it rather than reuse it.
        client.release(broken);
      }
    },
    async close() {
      if (!pool.ended) await pool.end();
    },
  };
}
