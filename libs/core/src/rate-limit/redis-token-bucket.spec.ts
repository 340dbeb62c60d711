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
    // Remaining 0, reset in 2 s: the next take waits for the refill.
    const e = spec('rpm4', 60, 1);
    await bucket.tighten(e.key, e, 0, Date.now() + 2_000);
    const refused = await bucket.take([e]);
    expect(refused.granted).toBe(false);
    expect(refused.waitMs).toBeGreaterThan(900);
  });

  it('tighten never lowers below the reported remaining, whatever the reset (OpenAI: 1999000 left, reset 6m0s)', async () => {
    // limits: { tpm: 10_000_000 } — the old script went to 10M - 60M = -50M: a 299 815 ms wait.
    const tpm = spec('tpm', 10_000_000, 10_000_000 / 60);
    expect(await bucket.tighten(tpm.key, tpm, 1_999_000, Date.now() + 360_000)).toBeCloseTo(1_999_000, -1);
    expect(await bucket.take([{ ...tpm, cost: 5_000 }])).toEqual({ granted: true, waitMs: 0 });
    // A daily limit (hours to its reset) leaves what remains usable now too.
    const rpd = spec('rpd', 600, 10);
    expect(await bucket.tighten(rpd.key, rpd, 400, Date.now() + 5 * 3_600_000)).toBeCloseTo(400, 3);
    expect(await bucket.take([{ ...rpd, cost: 400 }])).toEqual({ granted: true, waitMs: 0 });
  });

  it('tighten holds the refill back until the bucket is full no earlier than the provider', async () => {
    // 50 left but full only in 40 s: our 1/s would refill the 10 missing in 10 s, so it starts in 30 s.
    const c = spec('rpm2', 60, 1);
    expect(await bucket.tighten(c.key, c, 50, Date.now() + 40_000)).toBeCloseTo(50, 3);
    expect(await bucket.take([{ ...c, cost: 50 }])).toEqual({ granted: true, waitMs: 0 });
    const next = await bucket.take([c]);
    expect(next.granted).toBe(false);
    expect(next.waitMs).toBeGreaterThan(30_500);
    expect(next.waitMs).toBeLessThanOrEqual(31_000);
    // Taking and giving back during the hold keep it (the refill does not restart early).
    expect(await bucket.adjust(c.key, c, 2)).toBeCloseTo(2, 3);
    expect((await bucket.take([{ ...c, cost: 3 }])).waitMs).toBeGreaterThan(30_500);
    // And the key outlives the hold: it expires only once the bucket would be full.
    expect(await redis.pttl(c.key)).toBeGreaterThan(80_000);

    // A pause asked for by the provider (remaining 0 until a retry-after 3 s away): nothing before ~2.1 s,
    // the same as a bucket that is full exactly at the reset.
    const p = spec('pause', 10, 10);
    await bucket.tighten(p.key, p, 0, Date.now() + 3_000);
    const paused = await bucket.take([p]);
    expect(paused.waitMs).toBeGreaterThan(2_000);
    expect(paused.waitMs).toBeLessThanOrEqual(2_100);
  });

  it('tighten applies the remaining of a report whose reset is already past by our clock', async () => {
    // Anthropic's resets are whole seconds (2024-11-05T14:25:00Z): with a little skew they land in the past.
    const d = spec('rpm3', 60, 1);
    expect(await bucket.tighten(d.key, d, 0, Date.now() - 1_000)).toBeCloseTo(0, 3);
    const refused = await bucket.take([d]);
    expect(refused.granted).toBe(false);
    // It holds nothing back: the refill runs at our rate.
    expect(refused.waitMs).toBeLessThanOrEqual(1_000);
    const e = spec('past', 60, 1);
    expect(await bucket.tighten(e.key, e, 12, Date.parse('2024-11-05T14:25:00Z'))).toBeCloseTo(12, 3);
  });

  it('reconcile gives back, then lowers to the report, taking off what is owed only when the report is below the level', async () => {
    const tpm = spec('tpm', 60_000, SLOW);
    await bucket.take([{ ...tpm, cost: 20_000 }]); // two calls of 10 000 reserved: 40 000 left
    const at = Date.now();
    // A used 1 000: 9 000 back; the provider counts the same (49 000 left): nothing owed comes off.
    expect(await bucket.reconcile(tpm.key, tpm, 9_000, { remaining: 49_000, resetAtMs: at + 60_000, owed: 10_000, slack: 100 })).toBeCloseTo(49_000, 0);
    // Another app used 5 000: below us by more than the slack, so the 3 000 on their way come off too.
    expect(await bucket.reconcile(tpm.key, tpm, 0, { remaining: 44_000, resetAtMs: at + 60_000, owed: 3_000, slack: 100 })).toBeCloseTo(41_000, 0);
    // Without a report it is an adjust.
    expect(await bucket.reconcile(tpm.key, tpm, 500)).toBeCloseTo(41_500, 0);
    await expect(bucket.reconcile(tpm.key, tpm, Number.NaN)).rejects.toThrow(RangeError);
    await expect(bucket.reconcile(tpm.key, tpm, 0, { remaining: 1, resetAtMs: Number.NaN })).rejects.toThrow(RangeError);
  });

  it('acquire takes tokens given back before its computed wait is over (another process refunds)', async () => {
    // A TPM bucket: 1 000 tokens/s, emptied by a 10 000-token reservation.
    const tpm = spec('refund', 10_000, 1_000, 10_000);
    await bucket.take([tpm]);
    const started = performance.now();
    const waiting = bucket.acquire([{ ...tpm, cost: 6_000 }], { maxWaitMs: 10_000 });
    // The call that reserved them is answered after 150 ms and gives back 9 000 unused tokens.
    await new Promise((r) => setTimeout(r, 150));
    await new RedisTokenBucket(other).adjust(tpm.key, tpm, 9_000);
    await waiting;
    // Without the refund it would have slept the whole 6 s it computed first.
    expect(performance.now() - started).toBeLessThan(600);
  });

  it('refillDelayMs starts the refill of a bucket emptied from full that much later (the server counts from its first arrival)', async () => {
    const plain = spec('plain', 2, 10, 2);
    const delayed = { ...spec('delayed', 2, 10, 2), refillDelayMs: 300 };
    await bucket.take([plain]);
    await bucket.take([delayed]);
    expect((await bucket.take([{ ...plain, cost: 1 }])).waitMs).toBeLessThanOrEqual(100);
    const wait = (await bucket.take([{ ...delayed, cost: 1 }])).waitMs;
    expect(wait).toBeGreaterThan(300);
    expect(wait).toBeLessThanOrEqual(400);
    // Only when leaving full: a take from a bucket already drawn on is not delayed again.
    await new Promise((r) => setTimeout(r, wait));
    expect((await bucket.take([{ ...delayed, cost: 1 }])).granted).toBe(true);
    await expect(bucket.take([{ ...delayed, refillDelayMs: -1 }])).rejects.toThrow(RangeError);
  });

  it('take with a record logs the grant in a sorted set in the same step, and nothing when refused', async () => {
    const rpm = spec('rpm', 1, SLOW);
    const log = `${prefix}log`;
    expect(await bucket.take([rpm], { key: log, member: 'call-1', score: 1000, ttlMs: 60_000 })).toEqual({ granted: true, waitMs: 0 });
    const refused = await bucket.take([rpm], { key: log, member: 'call-2', score: 2000, ttlMs: 60_000 });
    expect(refused.granted).toBe(false);
    expect(await redis.zrangebyscore(log, '-inf', '+inf', 'WITHSCORES')).toEqual(['call-1', '1000']);
    expect(await redis.pttl(log)).toBeGreaterThan(59_000);
    await expect(bucket.take([rpm], { key: log, member: '', score: 1, ttlMs: 1 })).rejects.toThrow(RangeError);
    await expect(bucket.take([rpm], { key: log, member: 'x', score: Number.NaN, ttlMs: 1 })).rejects.toThrow(RangeError);
    await expect(bucket.take([rpm], { key: log, member: 'x', score: 1, ttlMs: 0 })).rejects.toThrow(RangeError);
  });

  it('acquire asks a record function again before each try: the grant is scored by the try that got it', async () => {
    const rpm = spec('rpm', 1, 10);
    await bucket.take([rpm]);
    const log = `${prefix}log`;
    const scores: number[] = [];
    const record = (): { key: string; member: string; score: number; ttlMs: number } => {
      scores.push(Date.now());
      return { key: log, member: 'waiter', score: scores.at(-1)!, ttlMs: 60_000 };
    };
    await bucket.acquire([rpm], { maxWaitMs: 1000, pollMs: 20, record });
    expect(scores.length).toBeGreaterThan(1);
    expect(Number(await redis.zscore(log, 'waiter'))).toBe(scores.at(-1));
  });

  it('script() runs a package\'s own Lua after the bucket functions, in one atomic step', async () => {
    const tpm = spec('tpm', 1000, SLOW);
    // A refund of 300 and a note of it, as a package that keeps its own books would do.
    const script = RedisTokenBucket.script(`
      redis.call('SET', KEYS[2], 'booked')
      return tostring(reconcile(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])))
    `);
    await bucket.take([{ ...tpm, cost: 500 }]);
    expect(Number(await script.run(redis, [tpm.key, `${prefix}note`], [1000, SLOW, 300]))).toBeCloseTo(800, 0);
    expect(await redis.get(`${prefix}note`)).toBe('booked');
  });

  it('acquire refuses a pollMs that is not a positive number', async () => {
    await expect(bucket.acquire([spec('x', 5, 1)], { pollMs: 0 })).rejects.toThrow(RangeError);
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
