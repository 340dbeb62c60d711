import { inspect } from 'node:util';
import { Redis } from 'ioredis';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../test/redis-test.helper.js';
import { redactRedisError, withRedactedRedisErrors } from './redis-error.js';

const SECRET = 'whsec_never_in_an_error_0123456789';

const failure = async (pending: Promise<unknown>): Promise<Error> => {
  try {
    await pending;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the command to fail');
};

describe('redactRedisError (real Redis error replies)', () => {
  let redis: Redis;
  const prefix = uniquePrefix();
  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('ioredis puts the written value on a refused command; the copy keeps the class, name, message and arg count only', async () => {
    // SET with two conflicting flags: Redis answers "ERR syntax error", and ioredis attaches the command.
    const error = await failure(redis.call('SET', `${prefix}k`, SECRET, 'NX', 'XX'));
    expect(inspect(error, { depth: 10 })).toContain(SECRET);

    const safe = redactRedisError(error);
    expect(safe).not.toBe(error);
    expect(safe).toBeInstanceOf(error.constructor);
    expect(safe.name).toBe(error.name);
    expect(safe).toMatchObject({ message: error.message, command: { name: 'SET', args: ['[REDACTED]', '[REDACTED]', '[REDACTED]', '[REDACTED]'] } });
    expect(inspect(safe, { depth: 10, showHidden: true })).not.toContain(SECRET);
    // The original is left as it was (callers that own it may still need it).
    expect(inspect(error, { depth: 10 })).toContain(SECRET);
  });

  // A wrong argument count is refused while queueing, so EXEC aborts and lists it in previousErrors.
  it("redacts a transaction's EXECABORT and the previousErrors it lists", async () => {
    const error = await failure(redis.multi().set(`${prefix}a`, SECRET).call('SETNX', `${prefix}b`, SECRET, 'one-too-many').exec());
    expect(inspect(error, { depth: 10 })).toContain(SECRET);
    const safe = redactRedisError(error) as Error & { previousErrors: Error[] };
    expect(safe.message).toMatch(/EXECABORT/);
    expect(safe.previousErrors).toHaveLength(1);
    expect(inspect(safe, { depth: 10, showHidden: true })).not.toContain(SECRET);
  });

  it('redacts a command found down a cause chain, and survives cycles', async () => {
    const reply = await failure(redis.call('SET', `${prefix}k`, SECRET, 'NX', 'XX'));
    const wrapper = new Error('could not store', { cause: reply }) as Error & { self?: unknown };
    wrapper.self = wrapper;
    const safe = redactRedisError(wrapper);
    expect(safe.self).toBe(safe);
    expect(inspect(safe, { depth: 10, showHidden: true })).not.toContain(SECRET);
  });

  it('returns an error without a command (connection closed, plain errors, non-errors) untouched', async () => {
    const closed = new Redis(REDIS_URL, { lazyConnect: true, enableOfflineQueue: false });
    const error = await failure(closed.set(`${prefix}k`, SECRET));
    closed.disconnect();
    expect(redactRedisError(error)).toBe(error);
    const plain = new Error('x');
    expect(redactRedisError(plain)).toBe(plain);
    // Only an error's own `command` is ioredis' record; a provider body that happens to hold one is data.
    const provider = Object.assign(new Error('provider said no'), { body: { command: { name: 'deploy', args: ['keep'] } } });
    expect(redactRedisError(provider)).toBe(provider);
    expect(redactRedisError('text')).toBe('text');
    expect(redactRedisError(undefined)).toBeUndefined();
  });

  it('withRedactedRedisErrors passes results through and rethrows failures redacted', async () => {
    await expect(withRedactedRedisErrors(redis.set(`${prefix}ok`, SECRET))).resolves.toBe('OK');
    const error = await failure(withRedactedRedisErrors(redis.call('SET', `${prefix}k`, SECRET, 'NX', 'XX')));
    expect(error.message).toMatch(/syntax error/);
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(SECRET);
  });
});
