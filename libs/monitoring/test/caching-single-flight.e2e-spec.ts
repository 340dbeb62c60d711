import { PLATFORMS, startApp, type RunningApp } from '../../../test/support/http-app.js';
import { Redis } from 'ioredis';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { cachingModule, call, type Answer, type Runs } from './caching-fixtures.js';

const burst = (count: number, ask: (i: number) => Promise<Answer>): Promise<Answer[]> => Promise.all(Array.from({ length: count }, (_, i) => ask(i)));

describe.each(PLATFORMS)('CachingInterceptor single-flight on %s', (platform) => {
  const runs: Runs = new Map();
  const prefix = uniquePrefix(`caching-flight-${platform}`);
  let one: RunningApp;
  let two: RunningApp;

  beforeAll(async () => {
    // Two apps on one Redis, as two processes would be: each has its own connection and its own in-process flights.
    one = await startApp(platform, cachingModule(runs, { redis: { url: REDIS_URL }, keyPrefix: prefix }));
    two = await startApp(platform, cachingModule(runs, { redis: { url: REDIS_URL }, keyPrefix: prefix }));
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await deleteKeys(prefix);
  });

  it('runs the handler once for a burst of 20 identical requests', async () => {
    const answers = await burst(20, () => call(one.url, '/items/slow?v=burst-one'));
    expect(runs.get('slow')).toBe(1);
    expect(new Set(answers.map((a) => JSON.stringify(a.body)))).toEqual(new Set([JSON.stringify({ v: 'burst-one', run: 1 })]));
    expect(answers.filter((a) => a.cache === 'MISS')).toHaveLength(1);
    expect(answers.filter((a) => a.cache === 'HIT')).toHaveLength(19);
    // Nobody waited much longer than the one run (300 ms).
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(2_000);
  });

  it('runs it once across two apps on the same Redis', async () => {
    const before = runs.get('slow')!;
    // Behind one load balancer both see the same Host (part of the key, so tenants served by host name stay apart).
    const headers = { host: 'api.example.test' };
    const answers = await burst(20, (i) => call((i % 2 ? one : two).url, '/items/slow?v=burst-two', { headers }));
    expect(runs.get('slow')).toBe(before + 1);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers.filter((a) => a.cache === 'MISS')).toHaveLength(1);
    // Later requests to either app are answered from Redis.
    expect(await call(one.url, '/items/slow?v=burst-two', { headers })).toMatchObject({ cache: 'HIT', body: answers[0]!.body });
    expect(await call(two.url, '/items/slow?v=burst-two', { headers })).toMatchObject({ cache: 'HIT', body: answers[0]!.body });
    // Another Host is another entry.
    expect(await call(one.url, '/items/slow?v=burst-two', { headers: { host: 'other.example.test' } })).toMatchObject({ cache: 'MISS', body: { run: before + 2 } });
  });

  it('does not share a failure: each request of a failing burst gets its own answer, promptly', async () => {
    const started = Date.now();
    const answers = await burst(6, (i) => call((i % 2 ? one : two).url, '/items/missing'));
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404, 404, 404]);
    expect(runs.get('missing')).toBe(6);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('waits for a lock holder that never stores (a crashed process) no longer than waitMs, then runs the handler itself', async () => {
    const redis = new Redis(REDIS_URL);
    try {
      await redis.set(`${prefix}:cache:tenant:stuck:lock`, 'a-crashed-process', 'PX', 10_000);
      const answer = await call(one.url, '/tenant', { headers: { 'x-tenant': 'stuck' } });
      expect(answer).toMatchObject({ status: 200, cache: 'MISS', body: { tenant: 'stuck' } });
      expect(answer.ms).toBeGreaterThanOrEqual(400);
      expect(answer.ms).toBeLessThan(2_000);
      expect(await call(two.url, '/tenant', { headers: { 'x-tenant': 'stuck' } })).toMatchObject({ cache: 'HIT', body: answer.body });
    } finally {
      redis.disconnect();
    }
  });
});
