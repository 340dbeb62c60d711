import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gt, inArray, max } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { openDatabase } from '../db/connect-database.js';
import { resolveDatabaseOptions, type DatabaseModuleOptions } from '../db/database.options.js';
import type { Database } from '../db/database.types.js';
import * as s from '../db/schema.js';

/** The database the demo writes to, and how it takes its rows away again. */
export interface DemoDatabase {
  readonly options: DatabaseModuleOptions;
  /** For the start-up line: where the rows go and what happens to them. */
  readonly description: string;
  /** Removes what the demo created; call after the app closed. `runIds`: the flow runs this process recorded. */
  cleanup(runIds: Iterable<string>): Promise<void>;
}

/** Tables with an identity key, children first: rows above the mark taken at start are the demo's. */
const TABLES: readonly (readonly [PgTable, PgColumn])[] = [
  [s.reviewAnalyses, s.reviewAnalyses.id], [s.reviews, s.reviews.id], [s.recommendations, s.recommendations.id],
  [s.payments, s.payments.id], [s.fraudDecisions, s.fraudDecisions.id], [s.tickets, s.tickets.id],
  [s.purchaseOrders, s.purchaseOrders.id], [s.orders, s.orders.id], [s.products, s.products.id],
  [s.customers, s.customers.id], [s.webhookEvents, s.webhookEvents.id],
];

/**
 * Without `DATABASE_URL` or `DATABASE_DIR` the demo gets an embedded database of its own in a
 * temporary directory, deleted at exit. With either set it writes there, and at exit deletes
 * exactly the rows created while it ran: every identity key above the high-water mark taken
 * before the app started, and the flow runs (with their event links) it recorded. The demo should
 * then be the only writer while it runs (a shop process sharing the database would lose its rows
 * of that minute); rows that existed before are never deleted.
 */
export async function prepareDemoDatabase(env: NodeJS.ProcessEnv = process.env): Promise<DemoDatabase> {
  const resolved = resolveDatabaseOptions({}, env);
  if (!env.DATABASE_URL?.trim() && !env.DATABASE_DIR?.trim()) {
    const root = await mkdtemp(join(tmpdir(), 'aiwire-demo-'));
    const dir = join(root, 'db');
    return {
      options: { dir },
      description: `an embedded PGlite database of its own (${dir}), deleted at exit`,
      // Retries: PGlite may still be flushing a file when a failed start-up is cleaned up.
      cleanup: () => rm(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }),
    };
  }
  const options: DatabaseModuleOptions = resolved.driver === 'pg' ? { url: resolved.url } : { dir: resolved.dir };
  const marks = await withDatabase(options, (db) => highWaterMarks(db));
  const where = resolved.driver === 'pg' ? 'DATABASE_URL' : `DATABASE_DIR (${resolved.dir})`;
  return {
    options,
    description: `${where}; the rows it creates are deleted at exit`,
    cleanup: (runIds) => withDatabase(options, (db) => deleteCreated(db, marks, [...runIds])),
  };
}

async function withDatabase<T>(options: DatabaseModuleOptions, use: (db: Database) => Promise<T>): Promise<T> {
  const resolved = resolveDatabaseOptions(options);
  const connection = await openDatabase(resolved);
  try {
    // The app migrates too; doing it here first lets the marks be read from an empty new database.
    await connection.migrate(resolved.migrationsFolder);
    return await use(connection.db);
  } finally {
    await connection.close();
  }
}

async function highWaterMarks(db: Database): Promise<number[]> {
  return Promise.all(TABLES.map(async ([table, id]) => Number((await db.select({ n: max(id) }).from(table))[0]?.n ?? 0)));
}

async function deleteCreated(db: Database, marks: readonly number[], runIds: readonly string[]): Promise<void> {
  for (let i = 0; i < runIds.length; i += 500) {
    // flow_run_events go with their run (ON DELETE CASCADE).
    await db.delete(s.flowRuns).where(inArray(s.flowRuns.id, runIds.slice(i, i + 500)));
  }
  for (const [index, [table, id]] of TABLES.entries()) await db.delete(table).where(gt(id, marks[index]!));
}
