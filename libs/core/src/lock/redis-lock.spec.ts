import { Redis } from 'ioredis';
import { deleteKeys, REDIS_URL, uniquePrefix } from '../../test/redis-test.helper.js';
import { LockTimeoutError } from '../errors/lock-timeout.error.js';
import { sleep } from '../time/sleep.js';
import { RedisLock } from './redis-lock.js';

describe('RedisLock (real Redis)', () => {
  let redis: Redis;
  let other: Redis;
  let lock: RedisLock;
  let prefix: string;

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
    other = new Redis(REDIS_URL);
    lock = new RedisLock(redis);
  });
  beforeEach(() => {
    prefix = uniquePrefix();
  });
  afterEach(async () => {
    await deleteKeys(redis, prefix);
  });
  afterAll(async () => {
    await Promise.all([redis.quit(), other.quit()]);
  });

  it('tryAcquire takes a free lock with a TTL and refuses a held one', async () => {
    const key = `${prefix}refresh`;
    const token = await lock.tryAcquire(key, 5_000);
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(await redis.get(key)).toBe(token);
    const pttl = await redis.pttl(key);
    expect(pttl).toBeGreaterThan(4_000);
    expect(pttl).toBeLessThanOrEqual(5_000);
    expect(await new RedisLock(other).tryAcquire(key, 5_000)).toBeUndefined();
  });

  it('release only frees the lock for its own token', async () => {
    const key = `${prefix}k`;
    const token = (await lock.tryAcquire(key, 5_000))!;
    expect(await lock.release(key, 'not-the-token')).toBe(false);
    expect(await redis.get(key)).toBe(token);
    expect(await lock.release(key, token)).toBe(true);
    expect(await redis.exists(key)).toBe(0);
    expect(await lock.release(key, token)).toBe(false);
  });

  it('a holder whose TTL ran out cannot release nor extend the next holder\'s lock', async () => {
    const key = `${prefix}k`;
    const first = (await lock.tryAcquire(key, 30))!;
    await sleep(60);
    const second = await new RedisLock(other).tryAcquire(key, 5_000);
    expect(second).toBeDefined();
    expect(await lock.release(key, first)).toBe(false);
    expect(await lock.extend(key, first, 60_000)).toBe(false);
    expect(await redis.get(key)).toBe(second);
  });

  it('extend resets the TTL for the holder', async () => {
    const key = `${prefix}k`;
    const token = (await lock.tryAcquire(key, 1_000))!;
    expect(await lock.extend(key, token, 20_000)).toBe(true);
    expect(await redis.pttl(key)).toBeGreaterThan(19_000);
  });

  it('acquire waits until the holder releases', async () => {
    const key = `${prefix}k`;
    const held = (await lock.tryAcquire(key, 5_000))!;
    setTimeout(() => void lock.release(key, held), 150);
    const started = performance.now();
    const token = await new RedisLock(other).acquire(key, 5_000, { waitMs: 2_000, retryMs: 20 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(await redis.get(key)).toBe(token);
  });

  it('acquire throws LockTimeoutError naming the key when the lock stays held', async () => {
    const key = `${prefix}k`;
    await lock.tryAcquire(key, 5_000);
    const started = performance.now();
    const error = await lock.acquire(key, 5_000, { waitMs: 150, retryMs: 20 }).catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(LockTimeoutError);
    expect((error as LockTimeoutError).key).toBe(key);
    expect((error as LockTimeoutError).message).toContain(key);
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(1_000);
  });

  it('acquire rejects with the abort reason', async () => {
    const key = `${prefix}k`;
    await lock.tryAcquire(key, 5_000);
    const reason = new Error('cancelled');
    await expect(lock.acquire(key, 5_000, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });

  it('acquireUnless stops waiting once the work the lock guards is done elsewhere', async () => {
    const key = `${prefix}refresh:lock`;
    const result = `${prefix}refresh:token`;
    // The holder keeps its lock (slow to release, or crashed) but its result is already stored.
    await new RedisLock(other).tryAcquire(key, 5_000);
    setTimeout(() => void other.set(result, 'fresh-token'), 150);
    const started = performance.now();
    const outcome = await lock.acquireUnless(key, 5_000, async () => (await redis.get(result)) ?? undefined, { waitMs: 3_000, retryMs: 20 });
    const elapsed = performance.now() - started;
    expect(outcome).toEqual({ acquired: false, done: 'fresh-token' });
    // acquire() would have waited out the holder's TTL (or its own waitMs) for nothing.
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(600);
  });

  it('acquireUnless checks once more after taking the lock, and frees it when the work is already done', async () => {
    const key = `${prefix}k`;
    let checks = 0;
    // The previous holder finished between our failed check and our take.
    const outcome = await lock.acquireUnless(key, 5_000, () => (++checks === 1 ? 'stored' : undefined));
    expect(outcome).toEqual({ acquired: false, done: 'stored' });
    expect(await redis.exists(key)).toBe(0);
    // Nothing done: the lock is ours.
    const taken = await lock.acquireUnless(key, 5_000, () => undefined);
    expect(taken.acquired).toBe(true);
    expect(await redis.get(key)).toBe(taken.acquired ? taken.token : 'no token');
  });

  it('acquireUnless still times out, aborts, and frees the lock when the check throws', async () => {
    const key = `${prefix}k`;
    await new RedisLock(other).tryAcquire(key, 5_000);
    await expect(lock.acquireUnless(key, 5_000, () => undefined, { waitMs: 60, retryMs: 10 })).rejects.toBeInstanceOf(LockTimeoutError);
    const reason = new Error('cancelled');
    await expect(lock.acquireUnless(key, 5_000, () => undefined, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    const free = `${prefix}free`;
    await expect(lock.acquireUnless(free, 5_000, () => { throw new Error('check failed'); })).rejects.toThrow('check failed');
    expect(await redis.exists(free)).toBe(0);
  });

  it('withLock lets one holder at a time run, across clients', async () => {
    const key = `${prefix}section`;
    const locks = [lock, new RedisLock(other)];
    let inside = 0;
    let maxInside = 0;
    let runs = 0;
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        locks[i % 2]!.withLock(key, 5_000, async () => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          await sleep(5);
          inside--;
          runs++;
        }, { retryMs: 5 }),
      ),
    );
    expect(runs).toBe(10);
    expect(maxInside).toBe(1);
    expect(await redis.exists(key)).toBe(0);
  });

  it('withLock releases the lock when fn throws and passes the token to fn', async () => {
    const key = `${prefix}k`;
    let seen: string | undefined;
    await expect(
      lock.withLock(key, 5_000, async (token) => {
        seen = await redis.get(key) ?? undefined;
        expect(seen).toBe(token);
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    expect(seen).toBeDefined();
    expect(await redis.exists(key)).toBe(0);
  });

  it('rejects a TTL that is not a positive number', async () => {
    await expect(lock.tryAcquire(`${prefix}k`, 0)).rejects.toThrow(RangeError);
    await expect(lock.tryAcquire(`${prefix}k`, Number.NaN)).rejects.toThrow(RangeError);
  });
});
