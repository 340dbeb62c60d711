import { ContinuousBucket } from './continuous-bucket.js';

/** One limit's state, as the rate-limit headers report it. */
export interface LimitState {
  readonly limit: number;
  readonly remaining: number;
  /** Ms until the bucket is full again. */
  readonly resetMs: number;
}

export type Admission = { ok: true } | { ok: false; limit: string; retryAfterMs: number; state: LimitState };

/**
 * Per-key continuous token buckets for any number of named limits (requests, input tokens, ...).
 * A request is admitted only if every limit can take its cost, and then all are charged.
 */
export class LlmQuota {
  private readonly keys = new Map<string, Map<string, ContinuousBucket>>();

  constructor(private readonly limits: Readonly<Record<string, number>>) {}

  admit(key: string, costs: Readonly<Record<string, number>>, now = Date.now()): Admission {
    const buckets = this.bucketsOf(key, now);
    for (const [name, cost] of Object.entries(costs)) {
      const bucket = buckets.get(name);
      if (!bucket) continue;
      const waitMs = bucket.msUntil(Math.min(cost, bucket.capacity), now);
      if (waitMs > 0) return { ok: false, limit: name, retryAfterMs: waitMs, state: stateOf(bucket, now) };
    }
    for (const [name, cost] of Object.entries(costs)) buckets.get(name)?.tryTake(Math.min(cost, buckets.get(name)?.capacity ?? cost), now);
    return { ok: true };
  }

  /** Corrects a charge once real usage is known (positive gives tokens back). */
  settle(key: string, name: string, delta: number, now = Date.now()): void {
    this.bucketsOf(key, now).get(name)?.adjust(delta, now);
  }

  state(key: string, name: string, now = Date.now()): LimitState | undefined {
    const bucket = this.bucketsOf(key, now).get(name);
    return bucket && stateOf(bucket, now);
  }

  private bucketsOf(key: string, now: number): Map<string, ContinuousBucket> {
    let buckets = this.keys.get(key);
    if (!buckets) {
      buckets = new Map(Object.entries(this.limits).map(([name, limit]) => [name, new ContinuousBucket(limit, now)]));
      this.keys.set(key, buckets);
    }
    return buckets;
  }
}

function stateOf(bucket: ContinuousBucket, now: number): LimitState {
  return { limit: bucket.capacity, remaining: Math.max(0, Math.floor(bucket.available(now))), resetMs: Math.ceil(bucket.msUntilFull(now)) };
}
