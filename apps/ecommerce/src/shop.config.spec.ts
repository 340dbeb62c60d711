import { loadShopConfig } from './shop.config.js';

describe('loadShopConfig', () => {
  it('defaults: both roles, a standard Shopify plan, the nightly stock review at 02:00 UTC, admin off', () => {
    const config = loadShopConfig({});
    expect(config).toMatchObject({
      role: 'all', workers: true, http: true, port: 3000, host: '127.0.0.1', keyPrefix: 'shop',
      shopifyRateLimit: { capacity: 40, refillPerSecond: 2 }, stockReview: { cron: '0 2 * * *', tz: 'UTC' }, logLevel: 'info',
    });
    expect(config.adminPassword).toBeUndefined();
    expect(config.database).toEqual({ url: undefined, dir: undefined });
  });

  it('ROLE=api runs no workers; ROLE=worker serves no HTTP', () => {
    expect(loadShopConfig({ ROLE: 'api' })).toMatchObject({ workers: false, http: true });
    expect(loadShopConfig({ ROLE: 'worker' })).toMatchObject({ workers: true, http: false });
  });

  it('reads a Shopify Plus bucket and the database settings', () => {
    expect(loadShopConfig({ SHOPIFY_RATE_LIMIT: '400/20' }).shopifyRateLimit).toEqual({ capacity: 400, refillPerSecond: 20 });
    expect(loadShopConfig({ DATABASE_URL: 'postgres://db/shop', DATABASE_DIR: ' ' }).database).toEqual({ url: 'postgres://db/shop', dir: undefined });
  });

  it('refuses a bad ROLE, PORT or SHOPIFY_RATE_LIMIT, saying what to write', () => {
    expect(() => loadShopConfig({ ROLE: 'workers' })).toThrow('ROLE must be one of api, worker, all; got "workers".');
    expect(() => loadShopConfig({ PORT: 'http' })).toThrow('PORT must be a port number; got "http".');
    expect(() => loadShopConfig({ SHOPIFY_RATE_LIMIT: '40' })).toThrow('SHOPIFY_RATE_LIMIT must be "capacity/perSecond", e.g. 40/2');
    expect(() => loadShopConfig({ SHOPIFY_RATE_LIMIT: '0/2' })).toThrow('SHOPIFY_RATE_LIMIT must be');
  });
});
