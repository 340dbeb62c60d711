import { Redis } from 'ioredis';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../../test/support/redis.js';
import { AiRateLimiter } from './ai-rate-limiter.js';

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

  it('gives a provider without maxWaitMs the module default wait', () => {
    const limiter = new AiRateLimiter(redis, { p: { rpm: 1 }, q: { rpm: 1, maxWaitMs: 5 } }, prefix, 1234);
    expect([limiter.maxWaitMs('p'), limiter.maxWaitMs('q')]).toEqual([1234, 5]);
  });
});
