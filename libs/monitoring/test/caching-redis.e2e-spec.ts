import { Redis } from 'ioredis';
import { PLATFORMS, startApp } from '../../../test/support/http-app.js';
import { REDIS_URL, deleteKeys, startPrivateRedis, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { bearer, cachingModule, call, type Runs } from './caching-fixtures.js';

describe.each(PLATFORMS)('CachingInterceptor when Redis fails, on %s', (platform) => {
  it('answers correctly and quickly while Redis is stopped (one run per burst still), and caches again once it is back', async () => {
    let redis = await startPrivateRedis();
    const runs: Runs = new Map();
    const running = await startApp(platform, cachingModule(runs, { redis: { url: redis.url } }));
    try {
      expect(await call(running.url, '/items/me', { headers: bearer('token-a') })).toMatchObject({ cache: 'MISS', body: { user: 'alice', run: 1 } });
      expect(await call(running.url, '/items/me', { headers: bearer('token-a') })).toMatchObject({ cache: 'HIT', body: { user: 'alice', run: 1 } });

      await redis.stop();
      for (const [token, user] of [['token-b', 'bob'], ['token-a', 'alice'], ['token-b', 'bob']] as const) {
        const answer = await call(running.url, '/items/me', { headers: bearer(token) });
        expect(answer).toMatchObject({ status: 200, cache: 'MISS', body: { user } });
        expect(answer.ms).toBeLessThan(1_000);
      }
      expect(runs.get('me')).toBe(4);
      // Identical requests in this process still share one run.
      const answers = await Promise.all(Array.from({ length: 8 }, () => call(running.url, '/items/slow?v=down')));
      expect(runs.get('slow')).toBe(1);
      expect(answers.every((a) => a.status === 200 && JSON.stringify(a.body) === JSON.stringify(answers[0]!.body))).toBe(true);

      redis = await startPrivateRedis(redis.port);
      await waitFor(async () => (await call(running.url, '/items/me', { headers: bearer('token-b') })).cache === 'HIT', 10_000, 'the cache to work again');
    } finally {
      await running.close();
      await redis.stop();
    }
  });

  it('waits no longer than its timeout for a Redis that does not answer, says so once, and recovers', async () => {
    const redis = await startPrivateRedis();
    const admin = new Redis(redis.url);
    const runs: Runs = new Map();
    const running = await startApp(platform, cachingModule(runs, { redis: { url: redis.url } }));
    try {
      await admin.client('PAUSE', 3000, 'ALL');
      const started = performance.now();
      const slow = await call(running.url, '/items/me', { headers: bearer('token-a') });
      expect(slow).toMatchObject({ status: 200, cache: 'MISS', body: { user: 'alice', run: 1 } });
      // Paused after the failure: the next requests do not wait for Redis at all.
      for (let i = 2; i <= 4; i++) expect(await call(running.url, '/items/me', { headers: bearer('token-a') })).toMatchObject({ status: 200, body: { run: i } });
      expect(slow.ms).toBeLessThan(1_200);
      expect(performance.now() - started).toBeLessThan(1_800);
      expect(running.logs.text().match(/response cache in Redis failed \(no answer within 250 ms\)/g)).toHaveLength(1);

      await waitFor(async () => (await call(running.url, '/items/me', { headers: bearer('token-a') })).cache === 'HIT', 10_000, 'the cache to work again');
      expect(running.logs.text()).toContain('response cache in Redis answers again');
    } finally {
      admin.disconnect();
      await running.close();
      await redis.stop();
    }
  });

  it('recomputes and overwrites an entry that is not its own (bad JSON), saying so once', async () => {
    const prefix = uniquePrefix(`caching-bad-${platform}`);
    const redis = new Redis(REDIS_URL);
    const runs: Runs = new Map();
    const running = await startApp(platform, cachingModule(runs, { redis: { url: REDIS_URL }, keyPrefix: prefix }));
    try {
      expect(await call(running.url, '/items/7')).toMatchObject({ cache: 'MISS', body: { id: '7', run: 1 } });
      const [key] = await redis.keys(`${prefix}:cache:/items/:id:*`);
      for (const [garbage, run] of [['{"body": trunc', 2], ['[1,2,3]', 3]] as const) {
        await redis.set(key!, garbage, 'KEEPTTL');
        expect(await call(running.url, '/items/7')).toMatchObject({ status: 200, cache: 'MISS', body: { id: '7', run } });
        expect(await call(running.url, '/items/7')).toMatchObject({ cache: 'HIT', body: { id: '7', run } });
      }
      expect(running.logs.text().match(/is not one this interceptor wrote \(bad JSON\)/g)).toHaveLength(1);
    } finally {
      await running.close();
      redis.disconnect();
      await deleteKeys(prefix);
    }
  });

  it('steps aside without redis in MonitoringModule, or without MonitoringModule, and says why once', async () => {
    for (const [options, why] of [
      [{}, 'MonitoringModule has no redis option'],
      [undefined, 'MonitoringModule is not imported in this app'],
    ] as const) {
      const runs: Runs = new Map();
      const running = await startApp(platform, cachingModule(runs, options));
      try {
        for (let i = 1; i <= 3; i++) expect(await call(running.url, '/items/me', { headers: bearer('token-a') })).toMatchObject({ status: 200, cache: null, body: { run: i } });
        expect(running.logs.text().split(why)).toHaveLength(2);
      } finally {
        await running.close();
      }
    }
  });

  it('works the same when MonitoringModule comes from forRootAsync', async () => {
    const prefix = uniquePrefix(`caching-async-${platform}`);
    const runs: Runs = new Map();
    const running = await startApp(platform, cachingModule(runs, { redis: { url: REDIS_URL }, keyPrefix: prefix }, 'forRootAsync'));
    try {
      expect(await call(running.url, '/items/me', { headers: bearer('token-a') })).toMatchObject({ cache: 'MISS', body: { user: 'alice', run: 1 } });
      expect(await call(running.url, '/items/me', { headers: bearer('token-b') })).toMatchObject({ cache: 'MISS', body: { user: 'bob', run: 2 } });
      expect(await call(running.url, '/items/me', { headers: bearer('token-a') })).toMatchObject({ cache: 'HIT', body: { user: 'alice', run: 1 } });
    } finally {
      await running.close();
      await deleteKeys(prefix);
    }
  });
});
