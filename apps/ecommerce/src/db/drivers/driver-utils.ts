/** A driver's raw query function, reduced to what counting needs. */
export type RawQuery = (sql: string) => Promise<readonly Record<string, unknown>[]>;

/**
 * How many migrations drizzle has recorded (0 before the first run). Counted before and after
 * `migrate()` so startup can say what it applied; drizzle's migrator itself reports nothing.
 */
export async function countMigrations(query: RawQuery): Promise<number> {
  const [table] = await query(`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present`);
  if (table?.present !== true) return 0;
  const [row] = await query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
  return Number(row?.n ?? 0);
}

export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The URL fit for a log line: never the password. */
export function maskPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparsable DATABASE_URL)';
  }
}
