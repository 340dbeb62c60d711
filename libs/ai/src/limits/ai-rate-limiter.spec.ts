import { Redis } from 'ioredis';
import { RateLimitTimeoutError } from '@aiwire/core';
import { REDIS_URL, deleteKeys, startPrivateRedis, uniquePrefix } from '../../../../test/support/redis.js';
import { waitFor } from '../../../../test/support/wait.js';
import { AiRateLimiter } from './ai-rate-limiter.js';
import type { RateLimitSnapshot } from '../interfaces/rate-limit-snapshot.interface.js';
import { anthropicRateLimits, openAiRateLimits } from './rate-limit-headers.js';

describe('AiRateLimiter tightening from provider reports (real Redis)', () => {
  let redis: Redis;
  let prefix: string;
  const level = async (kind: 'rpm' | 'tpm'): Promise<number> => Number(await redis.hget(`${prefix}:rl:{p}:${kind}`, 'tokens'));

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  beforeEach(() => {
    prefix = uniquePrefix('ai-rl');
  });
  afterEach(async () => {
    await deleteKeys(prefix);
  });
  afterAll(async () => {
    await redis.quit();
  });

  it('takes the tokens of calls still in flight off a report below what we hold (no double grant)', async () => {
    const limiter = new AiRateLimiter(redis, { p: { tpm: 60_000 } }, prefix, 1000);
    // B (1000 tokens) is answered; A (3000) is still on its way to the provider.
    const { reservation: b } = await limiter.reserve('p', 1000, 1000);
    const { reservation: a } = await limiter.reserve('p', 3000, 1000);
    // (The bucket refills 1 token per ms between the calls.)
    expect(await level('tpm')).toBeGreaterThanOrEqual(56_000);
    expect(await level('tpm')).toBeLessThan(56_100);
    // The provider counted B and 5000 tokens of another app: 54 000 left, full again in 6 s (1000 tokens/s).
    await limiter.settle(b, 1000, { tokens: { remaining: 54_000, resetAtMs: Date.now() + 6000 } });
    // Its count lacks A's 3000: lowering to 54 000 would grant them a second time.
    expect(await level('tpm')).toBeGreaterThanOrEqual(51_000 - 5);
    expect(await level('tpm')).toBeLessThanOrEqual(51_000 + 5);
    await limiter.settle(a, 3000, undefined);
  });

  it('does not take calls in flight off a report that already counts them (a lagging report is no reason to halve the quota)', async () => {
    const limiter = new AiRateLimiter(redis, { p: { tpm: 60_000 } }, prefix, 1000);
    const { reservation: a } = await limiter.reserve('p', 3000, 1000);
    const { reservation: b } = await limiter.reserve('p', 1000, 1000);
    // Both reached the provider; answering B, it reports exactly what our bucket holds.
    await limiter.settle(b, 1000, { tokens: { remaining: 56_000, resetAtMs: Date.now() + 4000 } });
    expect(await level('tpm')).toBeGreaterThanOrEqual(56_000 - 5);
    await limiter.settle(a, 3000, undefined);
  });

  it('lowers a reported `remaining` requests by the requests still in flight', async () => {
    const limiter = new AiRateLimiter(redis, { p: { rpm: 600 } }, prefix, 1000);
    const { reservation: a } = await limiter.reserve('p', 10, 1000);
    const { reservation: b } = await limiter.reserve('p', 10, 1000);
    const { reservation: c } = await limiter.reserve('p', 10, 1000);
    // 590 left after C, full in 1 s (10/s); A and B are still travelling.
    await limiter.settle(c, 10, { requests: { remaining: 590, resetAtMs: Date.now() + 1000 } });
    expect(await level('rpm')).toBeCloseTo(588, 0);
    await Promise.all([limiter.settle(a, 10, undefined), limiter.settle(b, 10, undefined)]);
  });

  // Every documented example of the providers' headers, with the config of issue 8.
  const soon = (ms: number): string => new Date(Math.ceil((Date.now() + ms) / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  it.each([
    ['OpenAI, issue 8: 1999000 tokens left, reset 6m0s', () => openAiRateLimits({ 'x-ratelimit-remaining-tokens': '1999000', 'x-ratelimit-reset-tokens': '6m0s' }), 1_999_000],
    [
      'OpenAI, rate-limit guide: 60 / 150000 / 59 / 149984 / 1s / 6m0s',
      () => openAiRateLimits({ 'x-ratelimit-limit-requests': '60', 'x-ratelimit-limit-tokens': '150000', 'x-ratelimit-remaining-requests': '59', 'x-ratelimit-remaining-tokens': '149984', 'x-ratelimit-reset-requests': '1s', 'x-ratelimit-reset-tokens': '6m0s' }),
      149_984,
    ],
    [
      'OpenAI, a daily request limit: 9999 of 10000 left, reset 8.64s; 2000000 tokens, 1999000 left, reset 1h30m0s',
      () => openAiRateLimits({ 'x-ratelimit-limit-requests': '10000', 'x-ratelimit-remaining-requests': '9999', 'x-ratelimit-reset-requests': '8.64s', 'x-ratelimit-limit-tokens': '2000000', 'x-ratelimit-remaining-tokens': '1999000', 'x-ratelimit-reset-tokens': '1h30m0s' }),
      1_999_000,
    ],
    [
      'Anthropic, every header of the table, resets a minute away',
      () => anthropicRateLimits({
        'anthropic-ratelimit-requests-limit': '1000', 'anthropic-ratelimit-requests-remaining': '999', 'anthropic-ratelimit-requests-reset': soon(60_000),
        'anthropic-ratelimit-tokens-limit': '96000', 'anthropic-ratelimit-tokens-remaining': '90000', 'anthropic-ratelimit-tokens-reset': soon(60_000),
        'anthropic-ratelimit-input-tokens-limit': '80000', 'anthropic-ratelimit-input-tokens-remaining': '78000', 'anthropic-ratelimit-input-tokens-reset': soon(60_000),
        'anthropic-ratelimit-output-tokens-limit': '16000', 'anthropic-ratelimit-output-tokens-remaining': '12000', 'anthropic-ratelimit-output-tokens-reset': soon(60_000),
      }),
      90_000,
    ],
    [
      'Anthropic, resets already past (2024-11-05T14:25:00Z), still lowering to what remains',
      () => anthropicRateLimits({
        'anthropic-ratelimit-requests-limit': '50', 'anthropic-ratelimit-requests-remaining': '49', 'anthropic-ratelimit-requests-reset': '2024-11-05T14:25:00Z',
        'anthropic-ratelimit-tokens-limit': '40000', 'anthropic-ratelimit-tokens-remaining': '39000', 'anthropic-ratelimit-tokens-reset': '2024-11-05T14:25:00Z',
      }),
      39_000,
    ],
  ])('%s: the next call goes at once and the bucket keeps what remains', async (_name, report, remaining) => {
    // limits: { openai: { rpm: 6000, tpm: 10_000_000 } } — issue 8's config.
    const limiter = new AiRateLimiter(redis, { p: { rpm: 6000, tpm: 10_000_000 } }, prefix, 1000);
    const { reservation } = await limiter.reserve('p', 1000, 1000);
    await limiter.settle(reservation, 1000, report());
    // Lowered to what the provider says remains, whatever its reset — and never below it.
    expect(await level('tpm')).toBeLessThanOrEqual(remaining + 200);
    expect(await level('tpm')).toBeGreaterThanOrEqual(remaining);
    const started = Date.now();
    for (let i = 0; i < 4; i++) {
      const { reservation: next, waitedMs } = await limiter.reserve('p', 1000, 1000);
      expect(waitedMs).toBe(0);
      await limiter.settle(next, 1000, report());
    }
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('lowers to the report less what is still in flight, even below zero, but never further', async () => {
    const limiter = new AiRateLimiter(redis, { p: { tpm: 10_000_000 } }, prefix, 1000);
    // 30 000 tokens of other calls are on their way when an answer reports 20 000 left, reset 6m0s.
    const { reservation: others } = await limiter.reserve('p', 30_000, 1000);
    const { reservation: mine } = await limiter.reserve('p', 1000, 1000);
    await limiter.settle(mine, 1000, openAiRateLimits({ 'x-ratelimit-remaining-tokens': '20000', 'x-ratelimit-reset-tokens': '6m0s' }));
    // 20 000 - 30 000 = -10 000: a debt of what is in flight, not 10M - 60M (a five-minute stall).
    expect(await level('tpm')).toBeGreaterThanOrEqual(-10_000 - 5);
    expect(await level('tpm')).toBeLessThanOrEqual(-10_000 + 5);
    await limiter.settle(others, 30_000, undefined);
  });

  it('a burst of answers settled at once keeps every refund (the bucket holds what they really used)', async () => {
    // 30 000 TPM; 24 callers each reserve prompt + maxTokens = 1014 and use 22 (a TPM-bound run).
    const limiter = new AiRateLimiter(redis, { p: { tpm: 30_000 } }, prefix, 1000);
    const reservations = await Promise.all(Array.from({ length: 24 }, () => limiter.reserve('p', 1014, 1000)));
    // The provider charges the same and answers them in turn, refunding 992 each before it reports.
    const now = Date.now();
    const report = (i: number): RateLimitSnapshot => {
      const remaining = 30_000 - 24 * 1014 + (i + 1) * 992;
      return { tokens: { limit: 30_000, remaining, resetAtMs: now + ((30_000 - remaining) / 500) * 1000 } };
    };
    await Promise.all(reservations.map(({ reservation }, i) => limiter.settle(reservation, 22, report(i))));
    // Before: refunds were taken back by older reports, then every call in flight came off again
    // (-16 537 here: a 35 s stall for every process).
    expect(await level('tpm')).toBeGreaterThanOrEqual(30_000 - 24 * 22 - 50);
  });

  it('a report written before a refund we booked since does not take the refund back', async () => {
    const limiter = new AiRateLimiter(redis, { p: { tpm: 60_000 } }, prefix, 1000);
    const { reservation: a } = await limiter.reserve('p', 10_000, 1000);
    const { reservation: b } = await limiter.reserve('p', 10_000, 1000);
    // The provider answered A (49 000 left after its refund), then B (58 000); a busy process
    // settles B's answer first, then A's — whose report predates B's refund.
    const reset = (remaining: number): number => Date.now() + (60_000 - remaining);
    await limiter.settle(b, 1000, { tokens: { remaining: 58_000, resetAtMs: reset(58_000) } });
    await limiter.settle(a, 1000, { tokens: { remaining: 49_000, resetAtMs: reset(49_000) } });
    // Both refunds stay: 60 000 - 2 × 1 000 used.
    expect(await level('tpm')).toBeGreaterThanOrEqual(58_000 - 5);
  });

  it('gives a provider without maxWaitMs the module default wait', () => {
    const limiter = new AiRateLimiter(redis, { p: { rpm: 1 }, q: { rpm: 1, maxWaitMs: 5 } }, prefix, 1234);
    expect([limiter.maxWaitMs('p'), limiter.maxWaitMs('q')]).toEqual([1234, 5]);
  });
});

describe('AiRateLimiter round trips and settling off the caller’s path (a private Redis)', () => {
  let server: Awaited<ReturnType<typeof startPrivateRedis>>;
  let admin: Redis;
  let redis: Redis;
  let prefix: string;
  const level = async (kind: 'rpm' | 'tpm'): Promise<number> => Number(await admin.hget(`${prefix}:rl:{p}:${kind}`, 'tokens'));
  const inFlight = (): Promise<number> => admin.zcard(`${prefix}:rl:{p}:calls`);

  beforeAll(async () => {
    server = await startPrivateRedis();
    admin = new Redis(server.url);
  });
  beforeEach(() => {
    prefix = uniquePrefix('ai-rl');
    redis = new Redis(server.url);
    redis.on('error', () => undefined); // one test cuts its connection
  });
  afterEach(async () => {
    await admin.client('UNPAUSE');
    redis.disconnect();
  });
  afterAll(async () => {
    admin.disconnect();
    await server.stop();
  });

  it('a call costs Redis one script to reserve (the buckets and the ledger) and one to settle (the refund and both reports)', async () => {
    const limiter = new AiRateLimiter(redis, { p: { rpm: 6000, tpm: 100_000 } }, prefix, 1000);
    const call = async (): Promise<void> => {
      const { reservation } = await limiter.reserve('p', 1000, 1000);
      const resetAtMs = Date.now() + 1000;
      void limiter.settle(reservation, 100, { requests: { remaining: 5998, resetAtMs }, tokens: { remaining: 99_000, resetAtMs } });
    };
    // The first call loads the scripts (EVALSHA, then EVAL once).
    await call();
    await limiter.drain();
    const monitor = await new Redis(server.url).monitor();
    const seen: string[] = [];
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      // Commands a script runs show as coming from 'lua'; the client's own carry its address.
      if (source !== 'lua' && !args[0]?.toLowerCase().startsWith('client')) seen.push(args[0]!.toLowerCase());
    });
    try {
      await call();
      await limiter.drain();
      await redis.echo('end');
      await waitFor(() => seen.includes('echo'), 2000, 'the monitor to see the marker');
    } finally {
      monitor.disconnect();
    }
    expect(seen).toEqual(['evalsha', 'evalsha', 'echo']);
    expect(await inFlight()).toBe(0);
    expect(await level('tpm')).toBeGreaterThanOrEqual(98_000 - 5);
  });

  it.each([['a Redis that knows the scripts', false], ['a Redis that does not know them yet (first settle: NOSCRIPT, sent again)', true]])(
    'a settle the caller did not wait for is run before its next reservation, on %s',
    async (_name, flush) => {
      // 6 a minute: without the report 4 remain after two calls; with it the next one is 10 s away.
      const limiter = new AiRateLimiter(redis, { p: { rpm: 6 } }, prefix, 1000);
      const { reservation: first } = await limiter.reserve('p', 10, 1000);
      await limiter.settle(first, 10, undefined);
      const { reservation } = await limiter.reserve('p', 10, 1000);
      if (flush) await admin.script('FLUSH');
      // The answer says nothing remains for a minute; the next call is made before that report has landed.
      void limiter.settle(reservation, 10, { requests: { remaining: 0, resetAtMs: Date.now() + 60_000 } });
      await expect(limiter.reserve('p', 10, 300)).rejects.toBeInstanceOf(RateLimitTimeoutError);
    },
  );

  it('drain() resolves only once the settles nobody awaited have landed', async () => {
    const limiter = new AiRateLimiter(redis, { p: { tpm: 100_000 } }, prefix, 1000);
    const { reservation } = await limiter.reserve('p', 5000, 1000);
    const refilled = (): number => (100_000 / 60_000) * (Date.now() - reservation.reservedAtMs);
    // Redis holds every script for 400 ms (as a busy or failing-over server would).
    await admin.client('PAUSE', 400, 'WRITE');
    const started = Date.now();
    void limiter.settle(reservation, 1000, undefined);
    await limiter.drain();
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    // The refund is in the bucket when drain() resolves: a shutdown may close Redis now.
    expect(await level('tpm')).toBeGreaterThanOrEqual(99_000 - 5);
    expect(await level('tpm')).toBeLessThan(99_000 + refilled() + 5);
    expect(await inFlight()).toBe(0);
  });

  it('a connection dropped mid-settle loses nothing: the script is sent again once Redis is back, and counts once', async () => {
    const limiter = new AiRateLimiter(redis, { p: { rpm: 600, tpm: 100_000 } }, prefix, 1000);
    // Another call holds 60 000 tokens meanwhile, so that a refund counted twice would show.
    await limiter.reserve('p', 60_000, 1000);
    const { reservation } = await limiter.reserve('p', 5000, 1000);
    const refilled = (): number => (100_000 / 60_000) * (Date.now() - reservation.reservedAtMs);
    const id = Number(await redis.client('ID'));
    await admin.client('PAUSE', 500, 'WRITE');
    void limiter.settle(reservation, 1000, undefined);
    // The script waits in Redis when the connection is cut: it never ran there.
    await waitFor(async () => String(await admin.client('LIST', 'ID', id)).includes('cmd=evalsha'), 2000, 'the settle to reach Redis');
    await admin.client('KILL', 'ID', id);
    await limiter.drain();
    expect(await level('tpm')).toBeGreaterThanOrEqual(39_000 - 5);
    expect(await level('tpm')).toBeLessThan(39_000 + refilled() + 5);
    expect(await inFlight()).toBe(1);
    // A settle that arrives twice (sent again after its reply was lost) gives back once.
    await limiter.settle(reservation, 1000, undefined);
    expect(await level('tpm')).toBeLessThan(39_000 + refilled() + 5);
  });
});
