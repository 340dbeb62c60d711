import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { eq, sql } from 'drizzle-orm';
import {
  DatabaseModule, DatabaseUnavailableError, InjectDb, MIGRATIONS_FOLDER, connectDatabase, openDatabase, resolveDatabaseOptions, schema,
  type Database, type DatabaseConnection, type DatabaseDriver,
} from '../src/db/index.js';
import { admin, createTestDatabase, type TestDatabase } from '../src/db/testing/test-database.js';
import { waitFor } from '../../../test/support/wait.js';

const JOURNAL = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
const TABLES = [
  'customers', 'flow_run_events', 'flow_runs', 'fraud_decisions', 'orders', 'payments', 'products', 'purchase_orders',
  'recommendations', 'review_analyses', 'reviews', 'tickets', 'webhook_events',
];

async function rows<T>(db: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

@Injectable()
class Probe {
  constructor(@InjectDb() readonly db: Database) {}
}

describe.each<DatabaseDriver>(['pglite', 'pg'])('the shop database on %s', (driver) => {
  const made: TestDatabase[] = [];
  const open: DatabaseConnection[] = [];
  const fresh = async (persistent = false) => {
    const target = await createTestDatabase(driver, { persistent });
    made.push(target);
    return target;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
    await Promise.all(made.splice(0).map((d) => d.drop()));
  });

  it('applies every migration to an empty database, and a second run applies none', async () => {
    const target = await fresh();
    const connection = await openDatabase(resolveDatabaseOptions(target.options));
    open.push(connection);
    expect(connection.driver).toBe(driver);
    expect(await connection.migrate(MIGRATIONS_FOLDER)).toBe(JOURNAL.entries.length);
    expect(await connection.migrate(MIGRATIONS_FOLDER)).toBe(0);
    const tables = await rows<{ table_name: string }>(connection.db, sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`);
    expect(tables.map((t) => t.table_name)).toEqual(TABLES);
  });

  it('boots through DatabaseModule.forRoot, serves @InjectDb(), and closes every connection on app.close()', async () => {
    const target = await fresh();
    const moduleRef = await Test.createTestingModule({ imports: [DatabaseModule.forRoot(target.options)], providers: [Probe] }).compile();
    const app = await moduleRef.init();
    const { db } = app.get(Probe);
    const [row] = await db.insert(schema.products).values({ title: 'Desk lamp', stockThreshold: 5 }).returning();
    expect((await db.select().from(schema.products).where(eq(schema.products.id, row!.id)))[0]?.title).toBe('Desk lamp');
    await app.close();
    await expect(db.select().from(schema.products)).rejects.toThrow();
    if (driver === 'pg') {
      const name = new URL(target.options.url!).pathname.slice(1);
      await waitFor(async () => (await admin<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]))[0]?.n === 0);
    }
  });

  it('boots through forRootAsync as well', async () => {
    const target = await fresh();
    const moduleRef = await Test.createTestingModule({
      imports: [DatabaseModule.forRootAsync({ useFactory: async () => target.options })],
      providers: [Probe],
    }).compile();
    const app = await moduleRef.init();
    expect(await app.get(Probe).db.$count(schema.orders)).toBe(0);
    await app.close();
  });

  it('keeps the data across a close and a reopen, and migrates nothing the second time', async () => {
    const target = await fresh(true);
    const first = await connectDatabase(target.options);
    await first.db.insert(schema.customers).values({ email: 'maya@example.com', name: 'Maya' });
    await first.close();
    const second = await openDatabase(resolveDatabaseOptions(target.options));
    open.push(second);
    expect(await second.migrate(MIGRATIONS_FOLDER)).toBe(0);
    expect((await second.db.select().from(schema.customers)).map((c) => c.email)).toEqual(['maya@example.com']);
  });
});

describe('the shop database on pg, started by several processes at once', () => {
  let target: TestDatabase;
  beforeAll(async () => { target = await createTestDatabase('pg'); });
  afterAll(async () => target?.drop());

  it('migrates once: the others wait on the advisory lock, then find nothing to apply', async () => {
    const connections = await Promise.all([1, 2, 3].map(() => openDatabase(resolveDatabaseOptions(target.options))));
    try {
      const applied = await Promise.all(connections.map((c) => c.migrate(MIGRATIONS_FOLDER)));
      expect(applied.sort()).toEqual([0, 0, JOURNAL.entries.length]);
    } finally {
      await Promise.all(connections.map((c) => c.close()));
    }
  });

  it('survives the server dropping its idle connections (a PostgreSQL restart), and reconnects', async () => {
    const connection = await connectDatabase(target.options);
    try {
      await connection.db.$count(schema.orders);
      const name = new URL(target.options.url!).pathname.slice(1);
      const [killed] = await admin<{ n: number }>('SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
      expect(killed?.n).toBeGreaterThan(0);
      // The pool hears of it as an 'error' event on an idle client: unhandled, that ends the process.
      await new Promise((r) => setTimeout(r, 200));
      expect(await connection.db.$count(schema.orders)).toBe(0);
    } finally {
      await connection.close();
    }
  });
});

describe('the embedded database directory', () => {
  let target: TestDatabase;
  beforeEach(async () => { target = await createTestDatabase('pglite', { persistent: true }); });
  afterEach(async () => target.drop());

  it('serves one process at a time: a second open fails and names the owner, a close frees it', async () => {
    const first = await connectDatabase(target.options);
    try {
      const second = connectDatabase(target.options);
      await expect(second).rejects.toBeInstanceOf(DatabaseUnavailableError);
      await expect(second).rejects.toThrow(`is in use by process ${process.pid}`);
    } finally {
      await first.close();
    }
    await (await connectDatabase(target.options)).close();
  });

  it('takes over the lock of a process that died without closing', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    await mkdir(dirname(target.options.dir!), { recursive: true });
    await writeFile(`${target.options.dir}.lock`, String(dead));
    await (await connectDatabase(target.options)).close();
    await expect(readFile(`${target.options.dir}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('fails with DatabaseUnavailableError when the directory cannot be made', async () => {
    const file = join(target.options.dir!, '..', '..', 'file');
    await writeFile(file, 'not a directory');
    await expect(connectDatabase({ dir: join(file, 'db') })).rejects.toThrow(/could not be opened .*DATABASE_DIR/s);
  });
});

describe('when the database cannot be opened', () => {
  it('fails startup with DatabaseUnavailableError that says what to do and never shows the password', async () => {
    const failure = connectDatabase({ url: 'postgres://shop:s3cret-pw@127.0.0.1:1/shop', connectTimeoutMs: 2_000 });
    await expect(failure).rejects.toBeInstanceOf(DatabaseUnavailableError);
    const message = await failure.catch((error: Error) => error.message);
    expect(message).toContain('postgres://shop:***@127.0.0.1:1/shop did not answer');
    expect(message).toContain('unset DATABASE_URL');
    expect(message).not.toContain('s3cret-pw');
  });
});
