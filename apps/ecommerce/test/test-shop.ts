import type { DatabaseDriver } from '../src/db/index.js';
import { createTestDatabase } from '../src/db/testing/test-database.js';
import { startShop, type RunningShop, type StartShopOptions } from '../src/shop/start-shop.js';

/**
 * The shop on a new, empty database of `driver` (PGlite in memory, or a uniquely named database on
 * the PostgreSQL server), JSON logs off unless `options.env` says otherwise. Its `close()` also
 * drops the database, so a test's `afterAll` is one line.
 */
export async function startTestShop(driver: DatabaseDriver, options: Omit<StartShopOptions, 'database'> = {}): Promise<RunningShop> {
  const target = await createTestDatabase(driver);
  let shop: RunningShop;
  try {
    shop = await startShop({ logger: false, ...options, database: target.options, env: { LOG_LEVEL: 'silent', ...options.env } });
  } catch (error) {
    await target.drop();
    throw error;
  }
  return {
    ...shop,
    close: async () => {
      try {
        await shop.close();
      } finally {
        await target.drop();
      }
    },
  };
}
