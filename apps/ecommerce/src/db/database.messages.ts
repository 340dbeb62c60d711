/** Every message the database code logs or throws, in one place; each says what failed and what to do. */
export const messages = {
  unreachable: (location: string, reason: string) =>
    `PostgreSQL at ${location} did not answer (${reason}). Start it (Debian: \`service postgresql start\`), fix DATABASE_URL, ` +
    'or unset DATABASE_URL to use the embedded PGlite database.',
  pgliteOpenFailed: (dir: string, reason: string) =>
    `The embedded database in ${dir} could not be opened (${reason}). If another process uses that directory, stop it or set ` +
    'DATABASE_DIR to another one (several processes share a database through DATABASE_URL, not a directory).',
  pgliteInUse: (dir: string, pid: number) =>
    `The embedded database in ${dir} is in use by process ${Number.isNaN(pid) ? '(unknown)' : pid}: PGlite serves one process per directory. ` +
    'Stop that process, give this one another DATABASE_DIR, or run both against PostgreSQL with DATABASE_URL.',
  migrationFailed: (location: string, reason: string) =>
    `Migrating the database at ${location} failed (${reason}); nothing of the failed migration was kept. Fix the SQL in ` +
    'apps/ecommerce/drizzle (or the database state it assumes) and start again.',
  opened: (driver: string, location: string, applied: number, ms: number) =>
    `Database ${driver} at ${location} ready in ${ms} ms (${applied === 0 ? 'schema up to date' : `${applied} migration(s) applied`}).`,
  idleClientError: (reason: string) =>
    `An idle PostgreSQL connection failed (${reason}); the pool opens a new one on the next query.`,
  testServerMissing: (location: string, reason: string) =>
    `PostgreSQL did not answer at ${location} (${reason}). The database tests run on PGlite and on PostgreSQL and skip nothing: ` +
    'start PostgreSQL (Debian: `service postgresql start`; .ci/run does) or point POSTGRES_TEST_URL at a server with trust auth.',
  closeFailed: (reason: string) => `Closing the database failed (${reason}); the process exits anyway.`,
};
