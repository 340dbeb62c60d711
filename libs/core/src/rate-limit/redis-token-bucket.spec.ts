import { execFile, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { deleteKeys, REDIS_URL, uniquePrefix } from '../../test/redis-test.helper.js';
import { RateLimitTimeoutError } from '../errors/rate-limit-timeout.error.js';
import { RedisTokenBucket } from './redis-token-bucket.js';
import type { BucketSpec } from './redis-token-bucket.js';

const coreRoot = fileURLToPath(new URL('../../', import.meta.url));
// A bucket that refills so slowly that its level does not move during a test.
const SLOW = 0.000_1;

describe('RedisTokenBucket (real Redis)', () => {
  let redis: Redis;
  let other: Redis;
  let bucket: RedisTokenBucket;
  let prefix: string;

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
    other = new Redis(REDIS_URL);
    bucket = new RedisTokenBucket(redis);
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

  const spec = (name: string, capacity: number, refillPerSecond: number, cost = 1): BucketSpec => ({
    key: `${prefix}${name}`, capacity, refillPerSecond, cost,
  });

  it('grants a burst up to capacity, then asks to wait about cost / refill', async () => {
    const rpm = spec('rpm', 5, 10);
    for (let i = 0; i < 5; i++) expect(await bucket.take([rpm])).toEqual({ granted: true, waitMs: 0 });
    const refused = await bucket.take([rpm]);
    expect(refused.granted).toBe(false);
    expect(refused.waitMs).toBeGreaterThan(60);
    expect(refused.waitMs).toBeLessThanOrEqual(100);

    const bigger = await bucket.take([{ ...rpm, cost: 3 }]);
    expect(bigger.granted).toBe(false);
    expect(bigger.waitMs).toBeGreaterThan(250);
    expect(bigger.waitMs).toBeLessThanOrEqual(300);
  });

  it('acquire waits for the refill and then grants', async () => {
    const rpm = spec('rpm', 2, 10);
    await bucket.acquire([rpm]);
    await bucket.acquire([rpm]);
    const started = performance.now();
    const { waitedMs } = await bucket.acquire([rpm], { maxWaitMs: 1_000 });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(80);
    expect(elapsed).toBeLessThan(400);
    expect(waitedMs).toBeGreaterThanOrEqual(80);
  });

  it('charges all buckets or none, and reports the longest wait', async () => {
    const requests = spec('req', 10, SLOW);
    const tokens = spec('tok', 2, SLOW);
    expect((await bucket.take([requests, tokens])).granted).toBe(true);
    expect((await bucket.take([requests, tokens])).granted).toBe(true);
    const refused = await bucket.take([requests, tokens]);
    expect(refused.granted).toBe(false);
    // The request bucket was not charged for the refused call.
    expect(await bucket.adjust(requests.key, requests, 0)).toBeCloseTo(8, 3);
    expect(await bucket.adjust(tokens.key, tokens, 0)).toBeCloseTo(0, 3);

    const a = spec('a', 1, 2); // empty: 500 ms to one token
    const b = spec('b', 1, 1); // empty: 1000 ms to one token
    await bucket.take([a, b]);
    const both = await bucket.take([a, b]);
    expect(both.granted).toBe(false);
    expect(both.waitMs).toBeGreaterThan(900);
    expect(both.waitMs).toBeLessThanOrEqual(1_000);
  });

  it('rejects a cost above capacity, duplicate keys and bad limits', async () => {
    await expect(bucket.take([spec('x', 5, 1, 6)])).rejects.toThrow(/cost 6 exceeds its capacity 5/);
    await expect(bucket.take([spec('x', 5, 1), spec('x', 5, 1)])).rejects.toThrow(/listed twice/);
    await expect(bucket.take([spec('x', 0, 1)])).rejects.toThrow(RangeError);
    await expect(bucket.take([spec('x', 5, 0)])).rejects.toThrow(RangeError);
    await expect(bucket.take([spec('x', 5, 1, -1)])).rejects.toThrow(RangeError);
    expect(await bucket.take([])).toEqual({ granted: true, waitMs: 0 });
  });

  it('acquire throws RateLimitTimeoutError with the wait it would have needed', async () => {
    const b = spec('slow', 1, 1);
    await bucket.take([b]);
    const started = performance.now();
    const error = await bucket.acquire([b], { maxWaitMs: 200 }).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(150); // gave up at once, did not sleep first
    expect(error).toBeInstanceOf(RateLimitTimeoutError);
    const timeout = error as RateLimitTimeoutError;
    expect(timeout.waitMs).toBeGreaterThan(900);
    expect(timeout.maxWaitMs).toBe(200);
    expect(timeout.keys).toEqual([b.key]);
    expect(timeout.message).toContain(b.key);
  });

  it('acquire rejects with the signal reason when aborted while waiting', async () => {
    const b = spec('abort', 1, 2);
    await bucket.take([b]);
    const reason = new Error('request cancelled');
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 50);
    await expect(bucket.acquire([b], { signal: controller.signal })).rejects.toBe(reason);
  });

  it('adjust gives tokens back up to capacity and charges into debt', async () => {
    const b = spec('tpm', 10, SLOW, 10);
    await bucket.take([b]);
    expect(await bucket.adjust(b.key, b, 3)).toBeCloseTo(3, 3);
    expect(await bucket.adjust(b.key, b, 100)).toBe(10);
    expect(await bucket.adjust(b.key, b, -25)).toBeCloseTo(-15, 3);
    const fast = spec('debt', 10, 100);
    await bucket.adjust(fast.key, fast, -20); // 10 - 20 = -10: 110 ms until one token
    const refused = await bucket.take([fast]);
    expect(refused.granted).toBe(false);
    expect(refused.waitMs).toBeGreaterThan(100);
    expect(refused.waitMs).toBeLessThanOrEqual(110);
  });

  it('tighten lowers the level to the provider\'s remaining, never raises it', async () => {
    const b = spec('rpm', 60, 1); // 60 per minute
    // Consistent with our rate: 30 left, full again in 30 s.
    expect(await bucket.tighten(b.key, b, 30, Date.now() + 30_000)).toBeCloseTo(30, 0);
    // Already lower than what the provider reports: unchanged.
    expect(await bucket.tighten(b.key, b, 50, Date.now() + 10_000)).toBeCloseTo(30, 0);

    // The provider refills slower than we think (50 left but full only in 40 s): start at 60 - 40 = 20
    // so that our refill never runs ahead of it before the reset.
    const c = spec('rpm2', 60, 1);
    expect(await bucket.tighten(c.key, c, 50, Date.now() + 40_000)).toBeCloseTo(20, 0);

    // A reset already in the past says the provider is full again: nothing to learn.
    const d = spec('rpm3', 60, 1);
    expect(await bucket.tighten(d.key, d, 0, Date.now() - 1_000)).toBe(60);
    // Remaining 0, reset in 2 s: the next take waits for the provider's reset.
    const e = spec('rpm4', 60, 1);
    await bucket.tighten(e.key, e, 0, Date.now() + 2_000);
    const refused = await bucket.take([e]);
    expect(refused.granted).toBe(false);
    expect(refused.waitMs).toBeGreaterThan(900);
  });

  it('expires an idle bucket once it would have refilled (plus a margin)', async () => {
    const b = spec('ttl', 10, 5, 10); // 2 s to refill
    await bucket.take([b]);
    const pttl = await redis.pttl(b.key);
    expect(pttl).toBeGreaterThan(2_800);
    expect(pttl).toBeLessThanOrEqual(3_000);
    const quick = spec('quick', 2, 100, 2); // 20 ms to refill
    await bucket.take([quick]);
    await new Promise((r) => setTimeout(r, 1_200));
    expect(await redis.exists(quick.key)).toBe(0);
    expect(await bucket.take([quick])).toEqual({ granted: true, waitMs: 0 });
  });

  it('two clients drawing from one bucket never exceed capacity + refill * elapsed', async () => {
    const b = spec('shared', 10, 50);
    const buckets = [new RedisTokenBucket(redis), new RedisTokenBucket(other)];
    const started = Date.now();
    const counts = await Promise.all(
      buckets.flatMap((limiter) => [1, 2, 3].map(() => drain(limiter, b, started + 1_000))),
    );
    const elapsedS = (Date.now() - started) / 1_000;
    const granted = counts.reduce((a, n) => a + n, 0);
    expect(granted).toBeLessThanOrEqual(Math.floor(10 + 50 * elapsedS));
    expect(granted).toBeGreaterThanOrEqual(10 + 50 * 1 * 0.7); // and the limiter does not starve them
  });

  it('two processes and this one share the bucket within capacity + refill * elapsed', async () => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-b', `${coreRoot}tsconfig.lib.json`], { stdio: 'pipe' });
    const b = spec('procs', 10, 40);
    const startAt = Date.now() + 1_500; // time for the children to boot
    const endAt = startAt + 1_500;
    const args = JSON.stringify({ url: REDIS_URL, spec: b, startAt, endAt });
    const run = promisify(execFile);
    const children = [1, 2].map(() =>
      run(process.execPath, ['--input-type=module', '-e', CHILD, args], { cwd: coreRoot, timeout: 15_000 }),
    );
    await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));
    const mine = await drain(bucket, b, endAt);
    const theirs = (await Promise.all(children)).map(({ stdout }) => Number(JSON.parse(stdout).granted));
    const granted = mine + theirs[0]! + theirs[1]!;
    const elapsedS = (Math.max(Date.now(), endAt) - startAt) / 1_000;
    expect(theirs.every((n) => n > 0)).toBe(true);
    expect(granted).toBeLessThanOrEqual(Math.floor(10 + 40 * (elapsedS + 0.05)));
    expect(granted).toBeGreaterThanOrEqual((10 + 40 * 1.5) * 0.7);
  });
});

/** Take one token at a time, sleeping as told, until `endAt`; resolves to the grants. */
async function drain(limiter: RedisTokenBucket, b: BucketSpec, endAt: number): Promise<number> {
  let granted = 0;
  while (Date.now() < endAt) {
    const r = await limiter.take([b]);
    if (r.granted) granted++;
    else await new Promise((resolve) => setTimeout(resolve, Math.min(r.waitMs, Math.max(0, endAt - Date.now()))));
  }
  return granted;
}

// Runs in a child process against the built package (dist), like a second API instance would.
const CHILD = `
import { Redis } from 'ioredis';
import { RedisTokenBucket } from './dist/index.js';
const { url, spec, startAt, endAt } = JSON.parse(process.argv[1]);
const redis = new Redis(url);
const bucket = new RedisTokenBucket(redis);
await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));
let granted = 0;
while (Date.now() < endAt) {
  const r = await bucket.take([spec]);
  if (r.granted) granted++;
  else await new Promise((res) => setTimeout(res, Math.min(r.waitMs, Math.max(0, endAt - Date.now()))));
}
await redis.quit();
process.stdout.write(JSON.stringify({ granted }));
`;
