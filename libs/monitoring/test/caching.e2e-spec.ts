import { Redis } from 'ioredis';
import { PLATFORMS, startApp, type RunningApp } from '../../../test/support/http-app.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { bearer, cachingModule, call, type Runs } from './caching-fixtures.js';

describe.each(PLATFORMS)('CachingInterceptor on %s', (platform) => {
  const runs: Runs = new Map();
  const prefix = uniquePrefix(`caching-${platform}`);
  let running: RunningApp;
  let redis: Redis;

  beforeAll(async () => {
    running = await startApp(platform, cachingModule(runs, { redis: { url: REDIS_URL }, keyPrefix: prefix }));
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await running?.close();
    redis?.disconnect();
    await deleteKeys(prefix);
  });

  it('never serves one user the response of another, and serves each user their own again', async () => {
    const a1 = await call(running.url, '/items/me', { headers: bearer('token-a') });
    const b1 = await call(running.url, '/items/me', { headers: bearer('token-b') });
    expect(a1).toMatchObject({ status: 200, cache: 'MISS', body: { user: 'alice' } });
    expect(b1).toMatchObject({ status: 200, cache: 'MISS', body: { user: 'bob' } });
    const a2 = await call(running.url, '/items/me', { headers: bearer('token-a') });
    const b2 = await call(running.url, '/items/me', { headers: bearer('token-b') });
    expect(a2).toMatchObject({ cache: 'HIT', body: a1.body });
    expect(b2).toMatchObject({ cache: 'HIT', body: b1.body });
    // `sub` only, and users with neither id nor sub (told apart by a hash of the whole user), and anonymous.
    const c = await call(running.url, '/items/me', { headers: bearer('token-c') });
    const d = await call(running.url, '/items/me', { headers: bearer('token-d') });
    const e = await call(running.url, '/items/me', { headers: bearer('token-e') });
    const anonymous = await call(running.url, '/items/me');
    expect([c, d, e, anonymous].map((r) => [r.cache, (r.body as { user: unknown }).user])).toEqual([
      ['MISS', 'carol'],
      ['MISS', 'dan@example.com'],
      ['MISS', 'eve@example.com'],
      ['MISS', null],
    ]);
    expect(await call(running.url, '/items/me', { headers: bearer('token-e') })).toMatchObject({ cache: 'HIT', body: e.body });
    expect(await call(running.url, '/items/me')).toMatchObject({ cache: 'HIT', body: anonymous.body });
    expect(runs.get('me')).toBe(6);
  });

  it('does not cache a request with credentials that no guard turned into req.user', async () => {
    const before = runs.get('me') ?? 0;
    const credentials: Record<string, string>[] = [{ authorization: 'Basic YWxpY2U6c2VjcmV0' }, { cookie: 'session=alice' }];
    for (const headers of [...credentials, ...credentials]) {
      const answer = await call(running.url, '/items/me', { headers });
      expect(answer).toMatchObject({ status: 200, cache: null, body: { user: null } });
    }
    expect(runs.get('me')).toBe(before + 4);
  });

  it('keys by route parameters and the query, whatever the order of the query', async () => {
    const first = await call(running.url, '/items/42?color=red&size=9');
    expect(first).toMatchObject({ cache: 'MISS', body: { id: '42', query: { color: 'red', size: '9' } } });
    expect(await call(running.url, '/items/42?size=9&color=red')).toMatchObject({ cache: 'HIT', body: first.body });
    expect(await call(running.url, '/items/42?color=blue&size=9')).toMatchObject({ cache: 'MISS', body: { query: { color: 'blue' } } });
    expect(await call(running.url, '/items/43?color=red&size=9')).toMatchObject({ cache: 'MISS', body: { id: '43' } });
    // One readable key per route template (never the raw path), with the TTL of @CacheTTL(60).
    const keys = await redis.keys(`${prefix}:cache:*`);
    const itemKeys = keys.filter((k) => k.startsWith(`${prefix}:cache:/items/:id:`));
    expect(itemKeys).toHaveLength(3);
    expect(keys.some((k) => k.includes('/items/42'))).toBe(false);
    const ttl = await redis.pttl(itemKeys[0]!);
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('does not cache POST, or HEAD', async () => {
    const one = await call(running.url, '/items', { method: 'POST' });
    const two = await call(running.url, '/items', { method: 'POST' });
    expect([one.status, one.cache, two.cache]).toEqual([201, null, null]);
    expect(two.body).toEqual({ run: (one.body as { run: number }).run + 1 });
    const head = await call(running.url, '/items/head-check', { method: 'HEAD' });
    expect([head.status, head.cache]).toEqual([200, null]);
    expect(await call(running.url, '/items/head-check')).toMatchObject({ cache: 'MISS' });
  });

  it('lets an entry expire after its TTL, in seconds', async () => {
    const first = await call(running.url, '/items/short');
    expect(await call(running.url, '/items/short')).toMatchObject({ cache: 'HIT', body: first.body });
    await new Promise((r) => setTimeout(r, 700));
    const after = await call(running.url, '/items/short');
    expect(after).toMatchObject({ cache: 'MISS', body: { run: (first.body as { run: number }).run + 1 } });
  });

  it('takes the TTL from a function of the request; undefined leaves that request uncached', async () => {
    expect(await call(running.url, '/items/computed-ttl')).toMatchObject({ cache: 'MISS', body: { run: 1 } });
    expect(await call(running.url, '/items/computed-ttl')).toMatchObject({ cache: 'HIT', body: { run: 1 } });
    expect(await call(running.url, '/items/computed-ttl', { headers: { 'x-no-cache': '1' } })).toMatchObject({ cache: null, body: { run: 2 } });
  });

  it('caches only 2xx JSON: not an exception, not a 418 body, not a file, not a class instance', async () => {
    for (let i = 0; i < 2; i++) {
      expect(await call(running.url, '/items/missing')).toMatchObject({ status: 404, body: { message: 'no such item' } });
      expect(await call(running.url, '/items/teapot')).toMatchObject({ status: 418, cache: 'MISS', body: { run: i + 1 } });
      expect(await call(running.url, '/items/file')).toMatchObject({ status: 200, cache: 'MISS', body: `file run ${i + 1}` });
      expect(await call(running.url, '/items/instance')).toMatchObject({ status: 200, cache: 'MISS', body: { id: `inv_${i + 1}` } });
    }
    expect([runs.get('missing'), runs.get('teapot'), runs.get('file'), runs.get('instance')]).toEqual([2, 2, 2, 2]);
    // Why a class instance is not cached is said once: a serializer outside the cache would strip its copy of nothing.
    expect(running.logs.text().match(/response of ItemsController\.instance is sent but not cached: it holds an instance of Invoice/g)).toHaveLength(1);
    // A plain string is JSON too, and comes back the same.
    const text = await call(running.url, '/items/text');
    expect(await call(running.url, '/items/text')).toMatchObject({ cache: 'HIT', body: text.body });
  });

  it('@CacheKey names one entry for two routes, still kept per user; a @CacheKey function may leave a request uncached', async () => {
    const one = await call(running.url, '/items/named-one', { headers: bearer('token-a') });
    expect(one).toMatchObject({ cache: 'MISS', body: { from: 'one' } });
    expect(await call(running.url, '/items/named-two', { headers: bearer('token-a') })).toMatchObject({ cache: 'HIT', body: one.body });
    expect(await call(running.url, '/items/named-two', { headers: bearer('token-b') })).toMatchObject({ cache: 'MISS', body: { from: 'two' } });
    expect(await redis.exists(...(await redis.keys(`${prefix}:cache:catalogue:*`)))).toBe(2);

    expect(await call(running.url, '/items/by-header', { headers: { 'x-variant': 'v1' } })).toMatchObject({ cache: 'MISS', body: { variant: 'v1' } });
    expect(await call(running.url, '/items/by-header', { headers: { 'x-variant': 'v1' } })).toMatchObject({ cache: 'HIT', body: { variant: 'v1' } });
    expect(await call(running.url, '/items/by-header')).toMatchObject({ cache: null, body: { variant: null } });
  });

  it('an overridden trackBy decides alone: shared per tenant despite credentials, uncached without a tenant', async () => {
    const first = await call(running.url, '/tenant', { headers: { 'x-tenant': 'acme', cookie: 'session=alice' } });
    expect(first).toMatchObject({ cache: 'MISS', body: { tenant: 'acme' } });
    expect(await call(running.url, '/tenant', { headers: { 'x-tenant': 'acme', cookie: 'session=bob' } })).toMatchObject({ cache: 'HIT', body: first.body });
    expect(await call(running.url, '/tenant', { headers: { 'x-tenant': 'globex' } })).toMatchObject({ cache: 'MISS', body: { tenant: 'globex' } });
    expect(await call(running.url, '/tenant')).toMatchObject({ cache: null });
    expect(await call(running.url, '/tenant')).toMatchObject({ cache: null });
    expect(await redis.exists(`${prefix}:cache:tenant:acme`)).toBe(1);
  });

  it('says once when a TTL looks like milliseconds, and once when a hook throws or a TTL function returns nonsense — never failing the request', async () => {
    for (let i = 1; i <= 2; i++) {
      expect(await call(running.url, '/items/long')).toMatchObject({ status: 200, body: { run: 1 }, cache: i === 1 ? 'MISS' : 'HIT' });
      expect(await call(running.url, '/items/broken-key')).toMatchObject({ status: 200, cache: null, body: { run: i } });
      expect(await call(running.url, '/items/bad-ttl')).toMatchObject({ status: 200, cache: null, body: { run: i } });
    }
    const text = running.logs.text();
    expect(text.match(/ItemsController\.long caches for 60000 seconds \(16\.7 hours\)\. @CacheTTL takes SECONDS.*write @CacheTTL\(60\)/g)).toHaveLength(1);
    expect(text.match(/trackBy threw for ItemsController\.brokenKey \(no tenant on this request\)/g)).toHaveLength(1);
    expect(text.match(/the @CacheTTL function of ItemsController\.badTtl returned -5/g)).toHaveLength(1);
  });
});
