import type { Redis } from 'ioredis';
import { RateLimitTimeoutError } from '../errors/rate-limit-timeout.error.js';
import { sleep } from '../time/sleep.js';
import { TOKEN_BUCKET_SCRIPT } from './token-bucket.script.js';

/** One bucket to draw from: its Redis key, its size, how fast it refills, and what this call costs. */
export interface BucketSpec {
  /** Redis key of the bucket (in Redis Cluster, give the keys of one call a common hash tag). */
  key: string;
  /** Most tokens the bucket holds, i.e. the largest burst. */
  capacity: number;
  /** Tokens added per second, continuously (e.g. RPM / 60). */
  refillPerSecond: number;
  /** Tokens this call takes; 0 ≤ cost ≤ capacity. */
  cost: number;
}

/** A bucket's size and refill rate, without a key or a cost. */
export type BucketLimits = Pick<BucketSpec, 'capacity' | 'refillPerSecond'>;

/** Outcome of {@link RedisTokenBucket.take}. */
export interface TakeResult {
  /** True when every bucket was charged. */
  granted: boolean;
  /** When refused, ms until all buckets could be charged (the longest wait); 0 when granted. */
  waitMs: number;
}

/** Options of {@link RedisTokenBucket.acquire}. */
export interface AcquireOptions {
  /**
   * Longest total wait in ms before giving up with `RateLimitTimeoutError`.
   * @default 30_000
   */
  maxWaitMs?: number;
  /**
   * Aborts the wait; the promise rejects with the signal's reason.
   * @default undefined
   */
  signal?: AbortSignal;
}

/**
 * Token buckets shared by every process through Redis: one atomic Lua script charges all the
 * buckets of a call or none, on Redis's clock.
 */
export class RedisTokenBucket {
  constructor(private readonly redis: Redis) {}

  /** Charge every bucket, or none and say how long until all could be charged. */
  async take(buckets: readonly BucketSpec[]): Promise<TakeResult> {
    if (buckets.length === 0) return { granted: true, waitMs: 0 };
    validate(buckets);
    const args: (string | number)[] = ['take'];
    for (const b of buckets) args.push(b.capacity, b.refillPerSecond, b.cost);
    const reply = (await TOKEN_BUCKET_SCRIPT.run(this.redis, buckets.map((b) => b.key), args)) as [number, number];
    return { granted: reply[0] === 1, waitMs: reply[1] };
  }

  /** Wait until every bucket could be charged (then charge them), or throw `RateLimitTimeoutError`. */
  async acquire(buckets: readonly BucketSpec[], options: AcquireOptions = {}): Promise<{ waitedMs: number }> {
    const { maxWaitMs = 30_000, signal } = options;
    const started = Date.now();
    for (;;) {
      signal?.throwIfAborted();
      const { granted, waitMs } = await this.take(buckets);
      const waitedMs = Date.now() - started;
      if (granted) return { waitedMs };
      if (waitedMs + waitMs > maxWaitMs) {
        throw new RateLimitTimeoutError(buckets.map((b) => b.key), waitedMs + waitMs, maxWaitMs);
      }
      await sleep(waitMs, signal);
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
   * Lower the bucket to what the provider reports (`remaining` now, full again at `resetAtMs`,
   * epoch ms); never raises it, and a reset already past changes nothing. Resolves to the level.
   */
  async tighten(key: string, spec: BucketLimits, remaining: number, resetAtMs: number): Promise<number> {
    validateLimits(key, spec);
    if (!Number.isFinite(remaining) || !Number.isFinite(resetAtMs)) {
      throw new RangeError(`tighten("${key}"): remaining and resetAtMs must be finite, got ${remaining} and ${resetAtMs}`);
    }
    // Sent as a duration so the script measures it on Redis's clock, immune to this host's skew.
    const resetInMs = resetAtMs - Date.now();
    const reply = await TOKEN_BUCKET_SCRIPT.run(this.redis, [key], [
      'tighten', spec.capacity, spec.refillPerSecond, Math.max(0, remaining), resetInMs,
    ]);
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
    if (b.cost > b.capacity) {
      throw new RangeError(
        `Bucket "${b.key}": cost ${b.cost} exceeds its capacity ${b.capacity}, so it could never be granted; split the call or raise the capacity.`,
      );
    }
  }
}

function validateLimits(key: string, spec: BucketLimits): void {
  if (typeof key !== 'string' || key === '') throw new RangeError('Bucket key must be a non-empty string');
  const { capacity, refillPerSecond } = spec;
  if (!(capacity > 0) || !Number.isFinite(capacity) || !(refillPerSecond > 0) || !Number.isFinite(refillPerSecond)) {
    throw new RangeError(`Bucket "${key}": capacity and refillPerSecond must be finite numbers > 0, got ${capacity} and ${refillPerSecond}`);
  }
}
