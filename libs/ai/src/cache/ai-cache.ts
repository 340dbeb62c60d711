import { Logger } from '@nestjs/common';
import { LockTimeoutError, RedisLock, type LockOrDone, type RedisClient } from '@aiwire/core';
import { cacheChannel } from '../ai.channels.js';
import { messages } from '../ai.messages.js';

export type CacheSource = 'fresh' | 'cache' | 'shared';

export interface CacheOptions {
  ttlSeconds: number;
  /** Longest hold of the cross-process lock (a crashed holder frees it after this). */
  lockTtlMs: number;
  /** Longest wait for an identical call in flight (this process's or another's) before computing ourselves. */
  waitMs: number;
}

const POLL_MS = 20;

/**
 * Redis cache with single-flight: identical concurrent calls share one computation in-process
 * (a shared promise) and across processes (a Redis lock; the others wait for it and stop as soon
 * as the result is stored). A failure is not stored and frees the lock, so waiting processes stop
 * waiting and try themselves.
 * Redis trouble never fails a call: it runs uncached.
 */
export class AiCache {
  private readonly logger = new Logger(AiCache.name);
  private readonly inflight = new Map<string, Promise<{ value: string; source: CacheSource }>>();
  private readonly lock: RedisLock;
  private warned = false;

  constructor(private readonly redis: RedisClient) {
    this.lock = new RedisLock(redis);
  }

  /** The cached text for `key`, or what `compute` gives (stored for `ttlSeconds` when it succeeds). */
  async getOrCompute(key: string, options: CacheOptions, compute: () => Promise<string>): Promise<{ value: string; source: CacheSource }> {
    const running = this.inflight.get(key);
    if (running) {
      const started = Date.now();
      const shared = await within(running, options.waitMs);
      // The identical call of this process outlasts our wait: stop waiting, as with another process's.
      if (!shared) return { value: await compute(), source: 'fresh' };
      this.publish('shared', key, Date.now() - started);
      return { value: shared.value, source: 'shared' };
    }
    const promise = this.resolve(key, options, compute).finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }

  /** Drops an entry (e.g. a hit that no longer validates). */
  async delete(key: string): Promise<void> {
    await this.safe(() => this.redis.del(key), 0);
  }

  private async resolve(key: string, options: CacheOptions, compute: () => Promise<string>): Promise<{ value: string; source: CacheSource }> {
    const started = Date.now();
    const hit = await this.safe(() => this.redis.get(key), null);
    if (hit !== null) {
      this.publish('hit', key, Date.now() - started);
      return { value: hit, source: 'cache' };
    }
    const lockKey = `${key}:lock`;
    // Another process may be making this call: wait for its lock, but stop as soon as its answer
    // is stored (its holder may still be releasing, or have crashed after storing).
    const stored = async (): Promise<string | undefined> => (await this.safe(() => this.redis.get(key), null)) ?? undefined;
    let outcome: LockOrDone<string>;
    try {
      outcome = await this.lock.acquireUnless(lockKey, options.lockTtlMs, stored, { waitMs: options.waitMs, retryMs: POLL_MS });
    } catch (error) {
      // Waited `waitMs` in vain (the holder outlasts it), or Redis is down: compute ourselves, uncached.
      if (!(error instanceof LockTimeoutError)) this.failed(error);
      return { value: await compute(), source: 'fresh' };
    }
    if (!outcome.acquired) {
      this.publish('shared', key, Date.now() - started);
      return { value: outcome.done, source: 'shared' };
    }
    return this.computeHolding(key, lockKey, outcome.token, options, compute, started);
  }

  /** Holding the lock, with nothing stored for `key` yet: compute, store, release. */
  private async computeHolding(key: string, lockKey: string, token: string, options: CacheOptions, compute: () => Promise<string>, started: number): Promise<{ value: string; source: CacheSource }> {
    try {
      this.publish('miss', key, Date.now() - started);
      const value = await compute();
      await this.safe(() => this.redis.set(key, value, 'EX', options.ttlSeconds), null);
      this.publish('store', key, Date.now() - started);
      return { value, source: 'fresh' };
    } finally {
      await this.safe(() => this.lock.release(lockKey, token), false);
    }
  }

  private async safe<T>(op: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await op();
    } catch (error) {
      this.failed(error);
      return fallback;
    }
  }

  /** Redis trouble never fails a call: published, logged once, and the call goes on uncached. */
  private failed(error: unknown): void {
    this.publish('error', '', 0);
    if (!this.warned) {
      this.warned = true;
      this.logger.warn(messages.redisFailed('cache', error instanceof Error ? error.message : String(error)));
    }
  }

  private publish(event: 'hit' | 'miss' | 'shared' | 'store' | 'error', key: string, durationMs: number): void {
    if (cacheChannel.hasSubscribers) cacheChannel.publish({ event, key, durationMs });
  }
}

/** What `promise` resolves to if it settles within `ms`, else undefined (a rejection passes through). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms, undefined);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}
