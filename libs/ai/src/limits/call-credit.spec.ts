import { Redis } from 'ioredis';
import { RedisTokenBucket } from '@aiwire/core';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { startPrivateRedis, uniquePrefix } from '../../../../test/support/redis.js';
import { waitFor } from '../../../../test/support/wait.js';
import { AiRateLimiter, type Reservation } from './ai-rate-limiter.js';
import { LEASE_MIN_CALLS, LEASE_TTL_MS } from './call-credit.js';
import { BATCH_MS } from './command-batch.js';
import { openAiRateLimits } from './rate-limit-headers.js';

/** Leases: calls paid for ahead, which go without waiting for Redis (a private Redis, paused at times). */
describe('AiRateLimiter leases (calls charged ahead)', () => {
  let server: Awaited<ReturnType<typeof startPrivateRedis>>;
  let admin: Redis;
  let redis: Redis;
  let prefix: string;
  const key = (kind: string): string => `${prefix}:rl:{p}:${kind}`;
  /** The bucket's level now (a zero adjustment reads it refilled). */
  const level = (kind: 'rpm' | 'tpm', perMinute: number): Promise<number> =>
    new RedisTokenBucket(admin).adjust(key(kind), { capacity: perMinute, refillPerSecond: perMinute / 60 }, 0);
  const leases = async (): Promise<string[]> => (await admin.zrange(key('calls'), '0', '-1')).filter((m) => /:L\d+:/.test(m));
  /** Calls in a row until this process leases (LEASE_MIN_CALLS within LEASE_TTL_MS); returns their reservations. */
  async function warmUp(limiter: AiRateLimiter, tokens = 10): Promise<Reservation[]> {
    const made: Reservation[] = [];
    for (let i = 0; i < LEASE_MIN_CALLS; i++) made.push((await limiter.reserve('p', tokens, 1000)).reservation);
    await waitFor(async () => (await leases()).length > 0, 2000, 'a lease');
    return made;
  }
  /** Whether a reservation waits for Redis: with writes paused for 300 ms, it does when it takes that long. */
  async function waitsForRedis(limiter: AiRateLimiter, tokens = 10): Promise<{ waited: boolean; reservation: Reservation }> {
    await admin.client('PAUSE', 300, 'WRITE');
    const started = Date.now();
    const { reservation } = await limiter.reserve('p', tokens, 2000);
    return { waited: Date.now() - started >= 250, reservation };
  }

  beforeAll(async () => {
    server = await startPrivateRedis();
    admin = new Redis(server.url);
  });
  beforeEach(async () => {
    prefix = uniquePrefix('ai-lease');
    redis = new Redis(server.url);
    await admin.config('RESETSTAT');
  });
  afterEach(async () => {
    await admin.client('UNPAUSE');
    redis.disconnect();
  });
  afterAll(async () => {
    admin.disconnect();
    await server.stop();
  });

  it('a process that calls a provider often pays for its next calls from a lease: they go without waiting for Redis, each charged once', async () => {
    const limiter = new AiRateLimiter(redis, { p: { rpm: 64, tpm: 64_000 } }, prefix, 1000);
    const started = Date.now();
    const made = await warmUp(limiter, 1000);
    // A lease of 4 calls (4 of 64 requests, 4 × 1000 tokens): the next two are paid from it.
    await admin.client('PAUSE', 300, 'WRITE');
    const paused = Date.now();
    for (let i = 0; i < 2; i++) {
      const { reservation, waitedMs } = await limiter.reserve('p', 1000, 1000);
      expect(waitedMs).toBe(0);
      made.push(reservation);
    }
    expect(Date.now() - paused).toBeLessThan(100);
    for (const r of made) void limiter.settle(r, 100, undefined);
    await limiter.drain();
    const elapsedS = (Date.now() - started) / 1000;
    // Six calls charged, the two unused calls of the lease given back; nothing left in flight.
    expect(await admin.zcard(key('calls'))).toBe(0);
    expect(await level('rpm', 64)).toBeGreaterThanOrEqual(64 - 6 - 0.01);
    expect(await level('rpm', 64)).toBeLessThanOrEqual(64 - 6 + (64 / 60) * elapsedS + 0.01);
    expect(await level('tpm', 64_000)).toBeGreaterThanOrEqual(64_000 - 6 * 100 - 1);
    expect(await level('tpm', 64_000)).toBeLessThanOrEqual(64_000 - 6 * 100 + (64_000 / 60) * elapsedS + 1);
  });

  it('leases only while every bucket keeps half of it: near the limit each call waits for its own charge', async () => {
    const limiter = new AiRateLimiter(redis, { p: { rpm: 64 } }, prefix, 1000);
    for (let i = 0; i < 60; i++) void limiter.settle((await limiter.reserve('p', 10, 1000)).reservation, 10, undefined);
    await limiter.drain();
    // One ZSCORE per call a lease paid: some were, and never more than the half of the bucket leases may take.
    const paidAhead = Number(/cmdstat_zscore:calls=(\d+)/.exec(await admin.info('commandstats'))?.[1] ?? 0);
    expect(paidAhead).toBeGreaterThan(0);
    expect(paidAhead).toBeLessThanOrEqual(32);
    expect(await level('rpm', 64)).toBeLessThan(32);
    // The process still calls often, but the bucket holds less than half: no lease, the call waits for Redis.
    void limiter.settle((await limiter.reserve('p', 10, 1000)).reservation, 10, undefined);
    const { waited, reservation } = await waitsForRedis(limiter);
    expect(waited).toBe(true);
    await limiter.settle(reservation, 10, undefined);
  });

  it('what a lease has not paid for goes back to the buckets when it ends', async () => {
    const limiter = new AiRateLimiter(redis, { p: { rpm: 64 } }, prefix, 1000);
    const made = await warmUp(limiter);
    const [lease] = await leases();
    const units = Number(/:L(\d+):/.exec(lease!)![1]);
    expect(units).toBe(4);
    const before = await level('rpm', 64);
    const leasedAt = Date.now();
    await waitFor(async () => (await leases()).length === 0, 2000, 'the lease to end');
    expect(Date.now() - leasedAt).toBeLessThan(LEASE_TTL_MS + 200);
    expect(await level('rpm', 64)).toBeGreaterThanOrEqual(before + units - 0.01);
    for (const r of made) await limiter.settle(r, 10, undefined);
  });

  it('a report below our books revokes the leases of every process: the holder stops paying from its lease once it hears of it', async () => {
    const other = new Redis(server.url);
    try {
      const holder = new AiRateLimiter(redis, { p: { rpm: 600 } }, prefix, 1000);
      const reporter = new AiRateLimiter(other, { p: { rpm: 600 } }, prefix, 1000);
      const made = await warmUp(holder);
      // Another process's answer says 10 requests remain (another app took the rest): far below our ~590.
      const { reservation } = await reporter.reserve('p', 10, 1000);
      await reporter.settle(reservation, 10, { requests: { remaining: 10, resetAtMs: Date.now() + 60_000 } });
      expect(await leases()).toEqual([]);
      // The holder has not heard yet: it may pay one more call from it, and hears with its answer.
      made.push((await holder.reserve('p', 10, 1000)).reservation);
      await new Promise((r) => setTimeout(r, BATCH_MS + 50));
      const { waited, reservation: next } = await waitsForRedis(holder);
      expect(waited).toBe(true);
      for (const r of [...made, next]) await holder.settle(r, 10, undefined);
    } finally {
      other.disconnect();
    }
  });

  it('an answer that reports less than half of a bucket closes this process’s leases before its settle is sent', async () => {
    const limiter = new AiRateLimiter(redis, { p: { rpm: 600 } }, prefix, 1000);
    const made = await warmUp(limiter);
    const last = made.pop()!;
    void limiter.settle(last, 10, { requests: { remaining: 290, resetAtMs: Date.now() + 30_000 } });
    // Closed at once: the next call waits for its own charge, without the lease being revoked first.
    const { waited, reservation } = await waitsForRedis(limiter);
    expect(waited).toBe(true);
    for (const r of [...made, reservation]) await limiter.settle(r, 10, undefined);
    expect(await leases()).toEqual([]);
  });

  it.each([
    // The provider counted our calls and 16 000 tokens of another app: 40 000 remain, full in 24 s
    // (over half: this process's lease stays out).
    ['tokens', { tpm: 64_000 }, 1000, 40_000, 24_000],
    // …or 188 requests of another app: 400 of 600 remain, full in 20 s.
    ['requests', { rpm: 600 }, 10, 400, 20_000],
  ] as const)('a report of %s below our books is lowered by what the leases hold, as calls on their way to the provider', async (counts, limits, tokens, remaining, fullInMs) => {
    const limiter = new AiRateLimiter(redis, { p: limits }, prefix, 1000);
    const made = await warmUp(limiter, tokens);
    for (const r of made.slice(0, -1)) await limiter.settle(r, tokens, undefined);
    const [lease] = await leases();
    const [, units, leasedTokens] = /:L(\d+):(\d+)$/.exec(lease!)!;
    const held = counts === 'tokens' ? Number(leasedTokens) : Number(units);
    expect(held).toBe(4 * (counts === 'tokens' ? tokens : 1));
    await limiter.settle(made.at(-1)!, tokens, { [counts]: { remaining, resetAtMs: Date.now() + fullInMs } });
    const kind = counts === 'tokens' ? 'tpm' : 'rpm';
    const perMinute = counts === 'tokens' ? 64_000 : 600;
    expect(await level(kind, perMinute)).toBeGreaterThanOrEqual(remaining - held - 0.01);
    expect(await level(kind, perMinute)).toBeLessThanOrEqual(remaining - held + perMinute / 600);
    // And the lease is revoked: it pays for nothing more.
    expect(await leases()).toEqual([]);
  });

  it('while leases are out, a bucket near full refills no higher than its capacity less what they hold', async () => {
    const limiter = new AiRateLimiter(redis, { p: { rpm: 6000 } }, prefix, 1000);
    // 5998 of 6000 (100 a second): not full, so no call's charge holds the refill back by itself.
    const time = await admin.time();
    await admin.hset(key('rpm'), 'tokens', 5998, 'ts', Number(time[0]) * 1000 + Number(time[1]) / 1000);
    const made = await warmUp(limiter);
    const [lease] = await leases();
    const units = Number(/:L(\d+):/.exec(lease!)![1]);
    const endsAt = Number(await admin.zscore(key('calls'), lease!));
    // Late in the lease (unheld, the refill would have filled the bucket 60 ms after it), the bucket
    // and the lease together stay within the capacity (the provider's stops there).
    await new Promise((r) => setTimeout(r, endsAt - 30 - Date.now()));
    let seen = 0;
    while (Date.now() < endsAt - 5) {
      const now = await level('rpm', 6000);
      // A level read once the lease was closed counts its units twice.
      if ((await admin.zscore(key('calls'), lease!)) === null) break;
      expect(now + units).toBeLessThanOrEqual(6000 + 0.5);
      seen += 1;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(seen).toBeGreaterThan(0);
    for (const r of made) await limiter.settle(r, 10, undefined);
  });

  it('calls a lease paid for go on while Redis is down; drain() does not hang on their lost logs', async () => {
    const own = await startPrivateRedis();
    const client = new Redis(own.url, { maxRetriesPerRequest: 1, retryStrategy: () => null });
    client.on('error', () => undefined);
    const limiter = new AiRateLimiter(client, { p: { rpm: 600 } }, prefix, 1000);
    const made: Reservation[] = [];
    for (let i = 0; i < LEASE_MIN_CALLS; i++) made.push((await limiter.reserve('p', 10, 1000)).reservation);
    const probe = new Redis(own.url);
    await waitFor(async () => (await probe.zrange(key('calls'), '0', '-1')).some((m) => /:L\d+:/.test(m)), 2000, 'a lease');
    probe.disconnect();
    await own.stop();
    const { waitedMs } = await limiter.reserve('p', 10, 1000);
    expect(waitedMs).toBe(0);
    for (const r of made) void limiter.settle(r, 10, undefined).catch(() => undefined);
    await limiter.drain();
    client.disconnect();
  });
});

describe('leases under load: four limiters (as four processes) share a quota the sandbox enforces', () => {
  let server: Awaited<ReturnType<typeof startPrivateRedis>>;
  let sandbox: Sandbox;

  beforeAll(async () => {
    server = await startPrivateRedis();
  });
  afterAll(async () => {
    await sandbox?.close();
    await server.stop();
  });

  it('drain the full bucket through their leases, then wait for the refill: zero 429s', async () => {
    const rpm = 1200;
    sandbox = await startSandbox({ seed: false, limits: { openai: { rpm } } });
    const prefix = uniquePrefix('ai-lease-load');
    const clients = Array.from({ length: 4 }, () => new Redis(server.url));
    const limiters = clients.map((client) => new AiRateLimiter(client, { openai: { rpm } }, prefix, 30_000));
    const admin = new Redis(server.url);
    await admin.config('RESETSTAT');
    const url = `${sandbox.urls.openai}/v1/chat/completions`;
    const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'under load' }], max_tokens: 5 });
    // The full bucket, then two seconds of refill (20 a second): however long a busy machine takes.
    const calls = rpm + 40;
    const started = Date.now();
    const statuses: number[] = [];
    let asked = 0;
    const caller = async (limiter: AiRateLimiter): Promise<void> => {
      while ((asked += 1) <= calls) {
        const { reservation } = await limiter.reserve('openai', 20, 30_000);
        const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${sandbox.credentials.openaiApiKey}`, 'content-type': 'application/json' }, body });
        await res.arrayBuffer();
        statuses.push(res.status);
        void limiter.settle(reservation, res.ok ? 20 : 0, openAiRateLimits(res.headers));
      }
    };
    try {
      await Promise.all(limiters.flatMap((limiter) => Array.from({ length: 6 }, () => caller(limiter))));
      await Promise.all(limiters.map((l) => l.drain()));
      const elapsedMin = (Date.now() - started) / 60_000;
      expect(statuses.filter((s) => s === 429)).toEqual([]);
      expect(statuses).toHaveLength(calls);
      // No more than the quota allowed over the run (the last 40 waited for the refill).
      expect(calls).toBeLessThanOrEqual(rpm + rpm * elapsedMin);
      // Leases paid for some of them (one ZSCORE each), from the half of the bucket they may take.
      const paidAhead = Number(/cmdstat_zscore:calls=(\d+)/.exec(await admin.info('commandstats'))?.[1] ?? 0);
      expect(paidAhead).toBeGreaterThan(0);
      expect(paidAhead).toBeLessThanOrEqual(rpm / 2);
    } finally {
      for (const c of [...clients, admin]) c.disconnect();
    }
  }, 30_000);
});
