import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseModuleOptions } from '../database.options.js';
import type { DatabaseDriver } from '../database.types.js';
import { messages } from '../database.messages.js';
import { maskPassword, reasonOf } from '../drivers/driver-utils.js';

/** The server the PostgreSQL half of the tests creates its databases on (trust auth). */
export const POSTGRES_TEST_URL = process.env.POSTGRES_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database made for one test: `options` open it, `drop()` removes every trace of it. */
export interface TestDatabase {
  readonly options: DatabaseModuleOptions;
  drop(): Promise<void>;
}

/**
 * A new, empty database for the driver: PGlite in memory (or in a temporary directory when
 * `persistent`), or a uniquely named database on the PostgreSQL server.
 */
export async function createTestDatabase(driver: DatabaseDriver, { persistent = false } = {}): Promise<TestDatabase> {
  if (driver === 'pglite') {
    if (!persistent) return { options: { dir: 'memory://' }, drop: async () => undefined };
    const root = await mkdtemp(join(tmpdir(), 'aiwire-db-'));
    // A nested path: the module must create missing parents, as on a fresh clone's `.data/`.
    return { options: { dir: join(root, 'nested', 'db') }, drop: () => rm(root, { recursive: true, force: true }) };
  }
  const name = `aiwire_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(POSTGRES_TEST_URL);
  url.pathname = `/${name}`;
  // FORCE: a test that failed half-way may have left connections; the database goes anyway.
  return { options: { url: url.toString() }, drop: async () => void (await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)) };
}

/** Runs one statement on the server's maintenance database (CREATE / DROP DATABASE cannot run elsewhere). */
export async function admin<T extends Record<string, unknown> = Record<string, unknown>>(statement: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(messages.testServerMissing(maskPassword(POSTGRES_TEST_URL), reasonOf(error)), { cause: error });
  }
  try {
    return (await client.query<T>(statement, values)).rows;
  } finally {
    await client.end();
  }
}
