import { Inject, Injectable, Logger } from '@nestjs/common';
import { RedisLock, sleep, type RedisClient } from '@aiwire/core';
import { MONITORING_OPTIONS, MONITORING_REDIS } from '../monitoring.constants.js';
import type { ResolvedMonitoringOptions } from '../monitoring.options.js';
import { BoundedRedis, FAILED, within } from './bounded-redis.js';
import { NO_ENTRY, fromCacheEntry } from './cached-body.js';
import { cachingMessages } from './caching.messages.js';

/** How one request uses the cache; `CachingInterceptor` fills it from its (overridable) fields. */
export interface CacheSettings {
  readonly ttlMs: number;
  readonly waitMs: number;
  readonly lockTtlMs: number;
  readonly timeoutMs: number;
  readonly pollMs: number;
}

/** What the handler gave: its value, and the cache entry for it (undefined when it must not be cached). */
export interface Computed {
  readonly value: unknown;
  readonly entry: string | undefined;
}

export interface Served extends Computed {
  /** Served without running the handler: from Redis, or from an identical request's run. */
  readonly hit: boolean;
}

/**
 * The Redis side of `CachingInterceptor`, one per app: entries under `{keyPrefix}:cache:`, and
 * single-flight — identical requests share one run of the handler in this process (a promise) and
 * across processes (a short Redis lock; the others poll for the entry, for `waitMs` at most, then
 * run it themselves). Every Redis command is bounded by `timeoutMs`; a failure never fails a request.
 */
@Injectable()
export class ResponseCache {
  private readonly logger = new Logger(ResponseCache.name);
  private readonly inflight = new Map<string, Promise<string | undefined>>();
  private readonly redis: BoundedRedis | undefined;
  private readonly lock: RedisLock | undefined;
  private readonly told = { noRedis: false, badEntry: false };

  constructor(
    @Inject(MONITORING_OPTIONS) private readonly options: ResolvedMonitoringOptions,
    @Inject(MONITORING_REDIS) client: RedisClient | undefined,
  ) {
    this.redis = client && new BoundedRedis(client, this.logger);
    this.lock = client && new RedisLock(client);
  }

  /** False without `redis` (logged once, with the fix): the interceptor then steps aside. */
  get configured(): boolean {
    if (!this.redis && !this.told.noRedis) this.logger.warn(cachingMessages.noRedis());
    this.told.noRedis = true;
    return this.redis !== undefined;
  }

  /** The entry for `id`, else the handler's value (stored when it has an entry); identical requests in flight share one run. */
  async serve(id: string, settings: CacheSettings, compute: () => Promise<Computed>): Promise<Served> {
    const key = `${this.options.keyPrefix}:cache:${id}`;
    const running = this.inflight.get(key);
    if (running) {
      const entry = (await within(running, settings.waitMs))?.value;
      const body = entry === undefined ? NO_ENTRY : fromCacheEntry(entry);
      // The identical run failed, was not cacheable, or outlasts our wait: run it ourselves.
      return body === NO_ENTRY ? this.run(key, settings, compute) : { value: body, entry, hit: true };
    }
    let settle!: (entry: string | undefined) => void;
    this.inflight.set(key, new Promise((resolve) => (settle = resolve)));
    let entry: string | undefined;
    try {
      const served = await this.lead(key, settings, compute);
      entry = served.entry;
      return served;
    } finally {
      this.inflight.delete(key);
      settle(entry);
    }
  }

  private async lead(key: string, settings: CacheSettings, compute: () => Promise<Computed>): Promise<Served> {
    const redis = this.redis!;
    if (!redis.usable) return { ...(await compute()), hit: false };
    const stored = await this.read(key, settings);
    if (stored) return stored;
    const lockKey = `${key}:lock`;
    const claim = await this.claim(key, lockKey, settings);
    if (claim.stored) return claim.stored;
    if (claim.token === undefined) {
      const shared = await this.awaitOther(key, lockKey, settings);
      if (shared) return shared;
    }
    try {
      return await this.run(key, settings, compute);
    } finally {
      if (typeof claim.token === 'string') this.release(lockKey, claim.token, settings);
    }
  }

  /** Runs the handler and stores a cacheable value, waiting `timeoutMs` at most for Redis. */
  private async run(key: string, settings: CacheSettings, compute: () => Promise<Computed>): Promise<Served> {
    const computed = await compute();
    const { entry } = computed;
    if (entry !== undefined && this.redis?.usable) await this.redis.run(() => this.redis!.client.set(key, entry, 'PX', Math.ceil(settings.ttlMs)), settings.timeoutMs);
    return { ...computed, hit: false };
  }

  private async read(key: string, settings: CacheSettings): Promise<Served | undefined> {
    const entry = await this.redis!.run(() => this.redis!.client.get(key), settings.timeoutMs);
    if (entry === FAILED || entry === null) return undefined;
    const body = fromCacheEntry(entry);
    if (body !== NO_ENTRY) return { value: body, entry, hit: true };
    if (!this.told.badEntry) this.logger.warn(cachingMessages.badEntry(key));
    this.told.badEntry = true;
    return undefined;
  }

  /**
   * Takes the lock, and looks for the entry again in the same round trip: a holder that stored it
   * and let go between our first look and now would otherwise be followed by a second run.
   * `token` is undefined while another holds the lock, FAILED when Redis did not answer.
   */
  private async claim(key: string, lockKey: string, settings: CacheSettings): Promise<{ token: string | undefined | typeof FAILED; stored?: Served }> {
    const redis = this.redis!;
    const attempt = this.lock!.tryAcquire(lockKey, settings.lockTtlMs);
    const answer = await redis.run(() => Promise.all([attempt, redis.client.get(key)]), settings.timeoutMs);
    if (answer === FAILED) {
      // Taken after we stopped waiting: free it, or other processes wait for a run that never comes.
      attempt.then((late) => late !== undefined && this.release(lockKey, late, settings)).catch(() => undefined);
      return { token: FAILED };
    }
    const [token, entry] = answer;
    const body = entry === null ? NO_ENTRY : fromCacheEntry(entry);
    if (body === NO_ENTRY) return { token };
    if (token !== undefined) this.release(lockKey, token, settings);
    return { token, stored: { value: body, entry: entry!, hit: true } };
  }

  private release(lockKey: string, token: string, settings: CacheSettings): void {
    void this.redis!.run(() => this.lock!.release(lockKey, token), settings.timeoutMs);
  }

  /** Another process runs the handler: poll for its entry until it is stored, its lock is gone, or `waitMs` passes. */
  private async awaitOther(key: string, lockKey: string, settings: CacheSettings): Promise<Served | undefined> {
    const redis = this.redis!;
    const deadline = Date.now() + settings.waitMs;
    while (Date.now() < deadline) {
      await sleep(Math.min(settings.pollMs, deadline - Date.now()));
      const polled = await redis.run(() => Promise.all([redis.client.get(key), redis.client.exists(lockKey)]), settings.timeoutMs);
      if (polled === FAILED) return undefined;
      const [entry, held] = polled;
      const body = entry === null ? NO_ENTRY : fromCacheEntry(entry);
      if (body !== NO_ENTRY) return { value: body, entry: entry!, hit: true };
      // Freed without an entry (the run failed or was not cacheable); one more look in case it was stored just before.
      if (held === 0) return this.read(key, settings);
    }
    return undefined;
  }
}
