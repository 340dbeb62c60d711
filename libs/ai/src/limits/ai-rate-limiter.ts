import { RedisTokenBucket, type BucketLimits, type BucketSpec } from '@aiwire/core';
import type { Redis } from 'ioredis';
import type { ProviderLimits } from '../interfaces/provider-options.interface.js';
import type { RateLimitSnapshot } from '../interfaces/rate-limit-snapshot.interface.js';

/** What one attempt took from the buckets, to settle once its answer (or error) is in. */
export interface Reservation {
  readonly provider: string;
  readonly tokens: number;
}

type Kind = 'rpm' | 'tpm';

/** An in-flight counter untouched this long is dropped (a crashed process must not hold it up). */
const IN_FLIGHT_TTL_MS = 300_000;

/**
 * RPM and TPM per provider in Redis token buckets shared by every process: reserve the estimate
 * before a call, reconcile with the real usage after it, and tighten from the provider's own
 * rate-limit headers so a quota used by others (or another app) is respected too.
 *
 * A provider's `remaining` does not yet count the requests on their way to it, which our buckets
 * already charged; tightening to it as is would hand those tokens out twice. So every process
 * counts its granted-but-unanswered calls in Redis, and a report is lowered by that count first.
 * A limit the provider reports lower than the configured one replaces it (capacity and refill).
 */
export class AiRateLimiter {
  private readonly buckets: RedisTokenBucket;
  private readonly reported = new Map<string, number>();
  /** The last settle of each provider in this process: the next reservation waits for it to land. */
  private readonly settling = new Map<string, Promise<void>>();

  constructor(
    private readonly redis: Redis,
    private readonly limits: Readonly<Record<string, ProviderLimits>>,
    private readonly keyPrefix: string,
  ) {
    this.buckets = new RedisTokenBucket(redis);
  }

  isLimited(provider: string): boolean {
    const l = this.limits[provider];
    return Boolean(l?.rpm || l?.tpm);
  }

  maxWaitMs(provider: string): number {
    return this.limits[provider]?.maxWaitMs ?? 30_000;
  }

  /** Waits (up to `maxWaitMs`) until the provider's buckets can take one request and `tokens`. */
  async reserve(provider: string, tokens: number, maxWaitMs: number, signal?: AbortSignal): Promise<{ reservation: Reservation; waitedMs: number }> {
    // Settling runs after the caller has its answer; a call made right after must still see it.
    await this.settling.get(provider);
    const specs: BucketSpec[] = [];
    const rpm = this.spec(provider, 'rpm');
    const tpm = this.spec(provider, 'tpm');
    if (rpm) specs.push({ key: this.key(provider, 'rpm'), ...rpm, cost: 1 });
    // A prompt bigger than the whole minute's budget can still go once the bucket is full.
    const reserved = tpm ? Math.min(tokens, tpm.capacity) : 0;
    if (tpm) specs.push({ key: this.key(provider, 'tpm'), ...tpm, cost: reserved });
    const { waitedMs } = await this.buckets.acquire(specs, { maxWaitMs, ...(signal && { signal }) });
    const counter = this.key(provider, 'inflight');
    // Not awaited: the call goes out now; the counter only has to be right by the next report.
    void this.redis.multi().incr(counter).pexpire(counter, IN_FLIGHT_TTL_MS).exec().catch(() => undefined);
    return { reservation: { provider, tokens: reserved }, waitedMs };
  }

  /**
   * Closes an attempt: gives back the reserved tokens it did not use (`usedTokens`; 0 after an
   * error answer, undefined when unknown, e.g. a timeout) and tightens from what the provider reported.
   */
  settle(reservation: Reservation, usedTokens: number | undefined, snapshot: RateLimitSnapshot | undefined): Promise<void> {
    const { provider } = reservation;
    const done = this.apply(reservation, usedTokens, snapshot);
    const tracked = done.catch(() => undefined).finally(() => {
      if (this.settling.get(provider) === tracked) this.settling.delete(provider);
    });
    this.settling.set(provider, tracked);
    return done;
  }

  private async apply(reservation: Reservation, usedTokens: number | undefined, snapshot: RateLimitSnapshot | undefined): Promise<void> {
    const { provider } = reservation;
    const inFlight = Math.max(0, Number(await this.redis.decr(this.key(provider, 'inflight'))));
    const tpm = this.spec(provider, 'tpm');
    if (tpm && usedTokens !== undefined && reservation.tokens !== usedTokens) {
      await this.buckets.adjust(this.key(provider, 'tpm'), tpm, reservation.tokens - usedTokens);
    }
    if (snapshot) await this.tighten(provider, snapshot, inFlight);
  }

  /** The per-minute limit in force: the configured one, or the provider's when it reported a lower one. */
  limitOf(provider: string, kind: Kind): number | undefined {
    const configured = this.limits[provider]?.[kind];
    if (!configured) return undefined;
    return Math.min(configured, this.reported.get(`${provider}:${kind}`) ?? configured);
  }

  private async tighten(provider: string, snapshot: RateLimitSnapshot, inFlight: number): Promise<void> {
    const work: Promise<number>[] = [];
    for (const [kind, limit] of [['rpm', snapshot.requests], ['tpm', snapshot.tokens]] as const) {
      if (limit?.limit !== undefined && this.limits[provider]?.[kind]) this.reported.set(`${provider}:${kind}`, limit.limit);
      const spec = this.spec(provider, kind);
      if (!spec || !limit) continue;
      // Requests still travelling count against `remaining`; for tokens, assume a request's worth each.
      const owed = kind === 'rpm' ? inFlight : 0;
      const resetAtMs = limit.resetAtMs + (owed / spec.refillPerSecond) * 1000;
      work.push(this.buckets.tighten(this.key(provider, kind), spec, limit.remaining - owed, resetAtMs));
    }
    await Promise.all(work);
  }

  private spec(provider: string, kind: Kind): BucketLimits | undefined {
    const perMinute = this.limitOf(provider, kind);
    return perMinute ? { capacity: perMinute, refillPerSecond: perMinute / 60 } : undefined;
  }

  private key(provider: string, kind: Kind | 'inflight'): string {
    // One hash tag per provider keeps a call's keys in one Redis Cluster slot.
    return `${this.keyPrefix}:rl:{${provider}}:${kind}`;
  }
}
