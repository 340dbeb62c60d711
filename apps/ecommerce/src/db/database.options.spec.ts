import { MIGRATIONS_FOLDER } from './database.constants.js';
import { resolveDatabaseOptions } from './database.options.js';

describe('resolveDatabaseOptions', () => {
  it('defaults to the embedded database in .data/ecommerce-db with the app migrations', () => {
    expect(resolveDatabaseOptions({}, {})).toEqual({ driver: 'pglite', dir: '.data/ecommerce-db', migrationsFolder: MIGRATIONS_FOLDER });
    expect(MIGRATIONS_FOLDER).toMatch(/apps\/ecommerce\/drizzle$/);
  });

  it('takes DATABASE_URL over DATABASE_DIR, and ignores blank values', () => {
    expect(resolveDatabaseOptions({}, { DATABASE_URL: 'postgres://db/shop', DATABASE_DIR: '/var/shop' })).toMatchObject({ driver: 'pg', url: 'postgres://db/shop', poolSize: 10, connectTimeoutMs: 5_000 });
    expect(resolveDatabaseOptions({}, { DATABASE_URL: ' ', DATABASE_DIR: '/var/shop' })).toMatchObject({ driver: 'pglite', dir: '/var/shop' });
  });

  it('lets explicit options win over the whole environment', () => {
    expect(resolveDatabaseOptions({ dir: 'memory://' }, { DATABASE_URL: 'postgres://db/shop' })).toMatchObject({ driver: 'pglite', dir: 'memory://' });
    expect(resolveDatabaseOptions({ url: 'postgres://other/x', poolSize: 2 }, { DATABASE_DIR: '/var/shop' })).toMatchObject({ driver: 'pg', url: 'postgres://other/x', poolSize: 2 });
  });
});
