import type { RedisClient } from '../redis/redis-connection.js';
import { RateLimitTimeoutError } from '../errors/rate-limit-timeout.error.js';
import { sleep } from '../time/sleep.js';
import { RedisScript } from '../redis/redis-script.js';
import { TOKEN_BUCKET_FUNCTIONS, TOKEN_BUCKET_SCRIPT } from './token-bucket.script.js';

/**
 * One bucket to draw from: its Redis key, its size, how fast it refills, and what this call costs.
 * @publicApi
 */
export interface BucketSpec {
  /** Redis key of the bucket (in Redis Cluster, give the keys of one call a common hash tag). */
  key: string;
  /** Most tokens the bucket holds, i.e. the largest burst. */
  capacity: number;
  /** Tokens added per second, continuously (e.g. RPM / 60). */
  refillPerSecond: number;
  /** Tokens this call takes; 0 ≤ cost ≤ capacity. */
  cost: number;
  /**
   * When this take empties a full bucket, its refill starts this long after it. A bucket that
   * mirrors a server's limit leaves "full" when we grant the first call, the server's when that
   * call reaches it (a new connection, a busy event loop): without the delay we run ahead of the
   * server by `refillPerSecond` × that time after every idle spell.
   * @default 0
   */
  refillDelayMs?: number;
}

/**
 * A bucket's size and refill rate, without a key or a cost.
 * @publicApi
 */
export type BucketLimits = Pick<BucketSpec, 'capacity' | 'refillPerSecond'>;

/**
 * Outcome of {@link RedisTokenBucket.take}.
 * @publicApi
 */
export interface TakeResult {
  /** True when every bucket was charged. */
  granted: boolean;
  /** When refused, ms until all buckets could be charged (the longest wait); 0 when granted. */
  waitMs: number;
}

/**
 * A provider's rate-limit report, applied by {@link RedisTokenBucket.reconcile}.
 * @publicApi
 */
export interface BucketReport {
  /** Units the provider says remain now. */
  remaining: number;
  /** When the provider is full again, epoch ms. */
  resetAtMs: number;
  /**
   * Units granted here that the provider cannot have counted yet (calls on their way to it):
   * taken off `remaining` when the report is below the level by more than `slack`.
   * @default 0
   */
  owed?: number;
  /**
   * How far below the level a report may be and still agree with it (whole units, its age).
   * @default 0
   */
  slack?: number;
}

/**
 * A grant to log in a Redis sorted set in the same atomic step as the charge (nothing is logged
 * when refused), e.g. the calls in flight that a provider's report may not count yet.
 * @publicApi
 */
export interface GrantRecord {
  /** The sorted set (in Redis Cluster, with the hash tag of the buckets). */
  key: string;
  member: string;
  score: number;
  /** The set expires this long after the last grant logged in it. */
  ttlMs: number;
}

/**
 * Options of {@link RedisTokenBucket.acquire}.
 * @publicApi
 */
export interface AcquireOptions {
  /**
   * Longest total wait in ms before giving up with `RateLimitTimeoutError`.
   * @default 30_000
   */
  maxWaitMs?: number;
  /**
   * Longest sleep between two tries while waiting (each sleep is 50–100 % of it, so waiters spread). Tokens may come back
   * before the computed wait is over (another call gives back what it reserved but did not use,
   * in this process or another); a waiter sees them within this instead of sleeping on.
   * @default 100
   */
  pollMs?: number;
  /**
   * Aborts the wait; the promise rejects with the signal's reason.
   * @default undefined
   */
  signal?: AbortSignal;
  /**
   * Logs the grant in a sorted set, atomically with the charge (no extra round trip). A function
   * is asked again before each try, e.g. to score the grant with the time of the try that got it.
   * @default undefined
   */
  record?: GrantRecord | (() => GrantRecord);
}

/**
 * Token buckets shared by every process through Redis: one atomic Lua script charges all the
 * buckets of a call or none, on Redis's clock.
 * @publicApi
 */
export class RedisTokenBucket {
  constructor(private readonly redis: RedisClient) {}

  /**
   * A script that runs `lua` after the bucket functions (`now`, `level`, `store`, `take`,
   * `reconcile`; see token-bucket.script.ts), for a package that settles its own books and the
   * buckets in one atomic step.
   * @internal
   */
  static script(lua: string): RedisScript {
    return new RedisScript(TOKEN_BUCKET_FUNCTIONS + lua);
  }

  /** Charge every bucket, or none and say how long until all could be charged; when granted, log it in `record`. */
  async take(buckets: readonly BucketSpec[], record?: GrantRecord): Promise<TakeResult> {
    if (buckets.length === 0 && !record) return { granted: true, waitMs: 0 };
    validate(buckets);
    const keys = buckets.map((b) => b.key);
    const args: (string | number)[] = [record ? 'takelog' : 'take'];
    for (const b of buckets) args.push(b.capacity, b.refillPerSecond, b.cost, b.refillDelayMs ?? 0);
    if (record) {
      validateRecord(record);
      keys.push(record.key);
      args.push(record.member, record.score, Math.ceil(record.ttlMs));
    }
    const reply = (await TOKEN_BUCKET_SCRIPT.run(this.redis, keys, args)) as [number, number];
    return { granted: reply[0] === 1, waitMs: reply[1] };
  }

  /**
   * Wait until every bucket could be charged (then charge them), or throw `RateLimitTimeoutError`
   * as soon as the computed wait exceeds `maxWaitMs`. While waiting it tries again at least every
   * `pollMs`, so tokens given back early are taken without sleeping out the whole computed wait.
   */
  async acquire(buckets: readonly BucketSpec[], options: AcquireOptions = {}): Promise<{ waitedMs: number }> {
    const { maxWaitMs = 30_000, pollMs = 100, signal, record } = options;
    if (!(pollMs > 0) || !Number.isFinite(pollMs)) throw new RangeError(`acquire(): pollMs must be a finite number > 0, got ${pollMs}`);
    const started = Date.now();
    for (let tries = 0; ; tries++) {
      signal?.throwIfAborted();
      const { granted, waitMs } = await this.take(buckets, typeof record === 'function' ? record() : record);
      const waitedMs = Date.now() - started;
      // Granted at the first try is no wait (the round trip to Redis is not one).
      if (granted) return { waitedMs: tries === 0 ? 0 : waitedMs };
      if (waitedMs + waitMs > maxWaitMs) {
        throw new RateLimitTimeoutError(buckets.map((b) => b.key), waitedMs + waitMs, maxWaitMs);
      }
      await sleep(Math.min(waitMs, pollMs * (0.5 + Math.random() / 2)), signal);
    }
  }

  /**
   * Add `delta` tokens after the fact (negative charges, and may leave a debt that refills
   * first); used to reconcile an estimate with real usage. Resolves to the new level.
   */
  async adjust(key: string, spec: BucketLimits, delta: number): Promise<number> {
    validateLimits(key, spec);
    if (!Number.isFinite(delta)) throw new RangeError(`adjust("${key}"): delta must be finite, got ${delta}`);
    const reply = await TOKEN_BUCKET_SCRIPT.run(this.redis, [key], ['adjust', spec.capacity, spec.refillPerSecond, delta]);
    return Number(reply);
  }

  /**
   * Close a reservation in one atomic step: add `delta` (as `adjust`), then lower the bucket to
   * the provider's `report` (as `tighten`, less `owed` when the report is below the level by more
   * than `slack`). One script, so no other settle can land between the refund and the report.
   * Resolves to the level.
   */
  async reconcile(key: string, spec: BucketLimits, delta: number, report?: BucketReport): Promise<number> {
    validateLimits(key, spec);
    if (!Number.isFinite(delta)) throw new RangeError(`reconcile("${key}"): delta must be finite, got ${delta}`);
    const args: (string | number)[] = ['reconcile', spec.capacity, spec.refillPerSecond, delta];
    if (report) {
      const { remaining, resetAtMs, owed = 0, slack = 0 } = report;
      if (![remaining, resetAtMs, owed, slack].every(Number.isFinite)) {
        throw new RangeError(`reconcile("${key}"): the report's numbers must be finite, got ${JSON.stringify(report)}`);
      }
      // The reset goes as a duration so the script measures it on Redis's clock.
      args.push(remaining, resetAtMs - Date.now(), Math.max(0, owed), Math.max(0, slack));
    }
    return Number(await TOKEN_BUCKET_SCRIPT.run(this.redis, [key], args));
  }

  /**
   * Lower the bucket to what the provider reports: `remaining` now, full again at `resetAtMs`
   * (epoch ms). The level goes to `min(level, remaining)` — never lower, whatever the reset, and
   * never higher; a negative `remaining` leaves a debt (e.g. a report less the calls still in
   * flight). When our refill would fill the bucket before `resetAtMs`, it is held back so the
   * bucket is full no earlier than the provider (a provider that refills slower, a daily limit,
   * a `retry-after`). A reset already past still lowers the level, it only holds nothing back.
   * Resolves to the level.
   */
  async tighten(key: string, spec: BucketLimits, remaining: number, resetAtMs: number): Promise<number> {
    validateLimits(key, spec);
    if (!Number.isFinite(remaining) || !Number.isFinite(resetAtMs)) {
      throw new RangeError(`tighten("${key}"): remaining and resetAtMs must be finite, got ${remaining} and ${resetAtMs}`);
    }
    // Sent as a duration so the script measures it on Redis's clock, immune to this host's skew.
    const resetInMs = resetAtMs - Date.now();
    const reply = await TOKEN_BUCKET_SCRIPT.run(this.redis, [key], ['tighten', spec.capacity, spec.refillPerSecond, remaining, resetInMs]);
    return Number(reply);
  }
}

function validate(buckets: readonly BucketSpec[]): void {
  const seen = new Set<string>();
  for (const b of buckets) {
    validateLimits(b.key, b);
    if (seen.has(b.key)) throw new RangeError(`Bucket "${b.key}" is listed twice in one call; merge its costs.`);
    seen.add(b.key);
    if (!(b.cost >= 0) || !Number.isFinite(b.cost)) throw new RangeError(`Bucket "${b.key}": cost must be a finite number >= 0, got ${b.cost}`);
    if (b.refillDelayMs !== undefined && (!(b.refillDelayMs >= 0) || !Number.isFinite(b.refillDelayMs))) {
      throw new RangeError(`Bucket "${b.key}": refillDelayMs must be a finite number >= 0, got ${b.refillDelayMs}`);
    }
    if (b.cost > b.capacity) {
      throw new RangeError(
        `Bucket "${b.key}": cost ${b.cost} exceeds its capacity ${b.capacity}, so it could never be granted; split the call or raise the capacity.`,
      );
    }
  }
}

function validateRecord(record: GrantRecord): void {
  const { key, member, score, ttlMs } = record;
  if (typeof key !== 'string' || key === '' || typeof member !== 'string' || member === '') {
    throw new RangeError('A grant record needs a non-empty key and member');
  }
  if (!Number.isFinite(score) || !(ttlMs > 0) || !Number.isFinite(ttlMs)) {
    throw new RangeError(`Grant record "${key}": score must be finite and ttlMs a finite number > 0, got ${score} and ${ttlMs}`);
  }
}

function validateLimits(key: string, spec: BucketLimits): void {
  if (typeof key !== 'string' || key === '') throw new RangeError('Bucket key must be a non-empty string');
  const { capacity, refillPerSecond } = spec;
  if (!(capacity > 0) || !Number.isFinite(capacity) || !(refillPerSecond > 0) || !Number.isFinite(refillPerSecond)) {
    throw new RangeError(`Bucket "${key}": capacity and refillPerSecond must be finite numbers > 0, got ${capacity} and ${refillPerSecond}`);
  }
}
