import { randomBytes } from 'node:crypto';
import type { RedisClient } from '../redis/redis-connection.js';
import { LockTimeoutError } from '../errors/lock-timeout.error.js';
import { RedisScript } from '../redis/redis-script.js';
import { sleep } from '../time/sleep.js';

// Only the holder's token may delete or extend: a holder whose TTL ran out must not free
// (or prolong) the lock someone else has since taken.
const RELEASE = new RedisScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`,
);
const EXTEND = new RedisScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`,
);

/**
 * Options of {@link RedisLock.acquire} and {@link RedisLock.withLock}.
 * @publicApi
 */
export interface LockAcquireOptions {
  /**
   * Longest time to wait for the lock before `LockTimeoutError`, in ms.
   * @default 10_000
   */
  waitMs?: number;
  /**
   * Pause between attempts, in ms (randomised by ±50 % so waiters do not move in lockstep).
   * @default 50
   */
  retryMs?: number;
  /**
   * Aborts the wait; the promise rejects with the signal's reason.
   * @default undefined
   */
  signal?: AbortSignal;
}

/**
 * How {@link RedisLock.acquireUnless} ended: the lock is ours, or the work it guards was done meanwhile.
 * @publicApi
 */
export type LockOrDone<T> = { readonly acquired: true; readonly token: string } | { readonly acquired: false; readonly done: T };

/**
 * A single-Redis mutual-exclusion lock with an expiry (SET NX PX + random token), for work that
 * one process at a time should do, such as refreshing an OAuth token.
 * @publicApi
 */
export class RedisLock {
  constructor(private readonly redis: RedisClient) {}

  /** Take the lock if free; resolves to the holder's token, or undefined when it is held. */
  async tryAcquire(key: string, ttlMs: number): Promise<string | undefined> {
    const token = randomBytes(16).toString('hex');
    const reply = await this.redis.set(key, token, 'PX', toTtl(ttlMs), 'NX');
    return reply === 'OK' ? token : undefined;
  }

  /** Free the lock if `token` still holds it; resolves to whether it did. */
  async release(key: string, token: string): Promise<boolean> {
    return (await RELEASE.run(this.redis, [key], [token])) === 1;
  }

  /** Reset the lock's expiry to `ttlMs` if `token` still holds it; resolves to whether it did. */
  async extend(key: string, token: string, ttlMs: number): Promise<boolean> {
    return (await EXTEND.run(this.redis, [key], [token, toTtl(ttlMs)])) === 1;
  }

  /** Wait until the lock is taken (resolves to the token) or throw `LockTimeoutError`. */
  async acquire(key: string, ttlMs: number, options: LockAcquireOptions = {}): Promise<string> {
    const outcome = await this.acquireUnless(key, ttlMs, () => undefined, options);
    // `done` never reports anything here, so the lock is what ended the wait.
    return (outcome as { token: string }).token;
  }

  /**
   * Wait for the lock unless the work it guards gets done meanwhile — another process stored
   * the answer, or the refreshed token, this caller was about to produce — so a waiter stops as
   * soon as there is nothing left to do instead of waiting for the lock to be free. `done` is
   * asked after every failed attempt and once right after the lock is taken (the holder may have
   * finished in between; the lock is then released at once); any value but `undefined` ends the
   * wait with `{ acquired: false, done }`. Throws `LockTimeoutError` after `waitMs`, rejects with
   * `signal.reason` on abort, and with `done`'s own error if it throws.
   */
  async acquireUnless<T>(key: string, ttlMs: number, done: () => T | undefined | Promise<T | undefined>, options: LockAcquireOptions = {}): Promise<LockOrDone<T>> {
    const { waitMs = 10_000, retryMs = 50, signal } = options;
    const deadline = Date.now() + waitMs;
    for (;;) {
      signal?.throwIfAborted();
      const token = await this.tryAcquire(key, ttlMs);
      if (token !== undefined) return this.unlessDone(key, token, done);
      const result = await done();
      if (result !== undefined) return { acquired: false, done: result };
      const left = deadline - Date.now();
      if (left <= 0) throw new LockTimeoutError(key, waitMs);
      await sleep(Math.min(left, retryMs * (0.5 + Math.random())), signal);
    }
  }

  /** Just took the lock: keeps it unless the work was finished by the previous holder. */
  private async unlessDone<T>(key: string, token: string, done: () => T | undefined | Promise<T | undefined>): Promise<LockOrDone<T>> {
    let result: T | undefined;
    try {
      result = await done();
    } catch (error) {
      await this.release(key, token);
      throw error;
    }
    if (result === undefined) return { acquired: true, token };
    await this.release(key, token);
    return { acquired: false, done: result };
  }

  /**
   * Run `fn` while holding the lock and release it afterwards, whether `fn` succeeds or throws.
   * `fn` receives the token, e.g. to `extend` the lock during long work.
   */
  async withLock<T>(key: string, ttlMs: number, fn: (token: string) => T | Promise<T>, options?: LockAcquireOptions): Promise<T> {
    const token = await this.acquire(key, ttlMs, options);
    try {
      return await fn(token);
    } finally {
      await this.release(key, token);
    }
  }
}

function toTtl(ttlMs: number): number {
  if (!(ttlMs > 0) || !Number.isFinite(ttlMs)) throw new RangeError(`Lock TTL must be a finite number of ms > 0, got ${ttlMs}`);
  return Math.ceil(ttlMs);
}
