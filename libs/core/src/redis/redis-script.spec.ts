import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { REDIS_URL } from '../../test/redis-test.helper.js';
import { RedisScript } from './redis-script.js';

describe('RedisScript (real Redis)', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await redis.quit();
  });

  it('falls back to EVAL for a script Redis has never seen, then runs it by SHA', async () => {
    // A body no one has loaded yet: the first EVALSHA answers NOSCRIPT (SCRIPT FLUSH is off limits on a shared Redis).
    const script = new RedisScript(`-- ${randomUUID()}\nreturn {KEYS[1], ARGV[1], ARGV[2]}`);
    expect(await redis.script('EXISTS', script.sha)).toEqual([0]);
    expect(await script.run(redis, ['k'], ['a', 2])).toEqual(['k', 'a', '2']);
    expect(await redis.script('EXISTS', script.sha)).toEqual([1]);
    expect(await script.run(redis, ['k2'], ['b', 3])).toEqual(['k2', 'b', '3']);
  });

  it('passes other script errors through', async () => {
    const script = new RedisScript(`-- ${randomUUID()}\nreturn redis.error_reply('boom')`);
    await expect(script.run(redis, [], [])).rejects.toThrow('boom');
  });
});
