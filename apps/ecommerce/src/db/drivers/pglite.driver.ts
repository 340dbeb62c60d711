import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import * as schema from '../schema.js';
import { messages } from '../database.messages.js';
import { DatabaseUnavailableError } from '../errors/database-unavailable.error.js';
import type { DatabaseConnection } from '../database.types.js';
import { countMigrations, reasonOf } from './driver-utils.js';
import { lockPgliteDir } from './pglite-lock.js';

const MEMORY = 'memory://';

/** Opens (creating if needed) the embedded database in `dir`, or an in-memory one for `memory://`. */
export async function openPglite(dir: string): Promise<DatabaseConnection> {
  const inMemory = dir.startsWith(MEMORY);
  const location = inMemory ? dir : resolve(dir);
  let client: PGlite;
  let unlock: () => Promise<void> = async () => undefined;
  try {
    if (!inMemory) {
      // PGlite creates only the last directory level; `.data/` may not exist yet on a fresh clone.
      mkdirSync(location, { recursive: true });
      unlock = await lockPgliteDir(location);
    }
    client = await PGlite.create(location);
  } catch (error) {
    await unlock();
    if (error instanceof DatabaseUnavailableError) throw error;
    throw new DatabaseUnavailableError(messages.pgliteOpenFailed(location, reasonOf(error)), { cause: error });
  }
  const db = drizzle({ client, schema });
  const query = async (sql: string) => (await client.query<Record<string, unknown>>(sql)).rows;
  return {
    db,
    driver: 'pglite',
    location,
    async migrate(folder) {
      const before = await countMigrations(query);
      await migrate(db, { migrationsFolder: folder });
      return (await countMigrations(query)) - before;
    },
    async close() {
      if (client.closed) return;
      await client.close();
      await unlock();
    },
  };
}
