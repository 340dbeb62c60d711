import { RedisTokenBucket, type BucketLimits, type BucketSpec } from '@aiwire/core';
import type { Redis } from 'ioredis';
import type { ProviderLimits } from '../interfaces/provider-options.interface.js';
import type { RateLimitSnapshot } from '../interfaces/rate-limit-snapshot.interface.js';
import { tightenFromReport } from './report-tightening.js';

/** What one attempt took from the buckets, to settle once its answer (or error) is in. */
export interface Reservation {
  readonly provider: string;
  readonly tokens: number;
}

type Kind = 'rpm' | 'tpm';

/** Calls granted by our buckets and not answered yet, across all processes. */
interface InFlight {
  readonly requests: number;
  readonly tokens: number;
}

/** An in-flight counter untouched this long is dropped (a crashed process must not hold it up). */
const IN_FLIGHT_TTL_MS = 300_000;

/**
 * RPM and TPM per provider in Redis token buckets shared by every process: reserve the estimate
 * before a call, reconcile with the real usage after it, and tighten from the provider's own
 * rate-limit headers so a quota used by others (or another app) is respected too.
 *
 * A provider's `remaining` does not yet count the requests on their way to it, which our buckets
 * already charged; tightening to it as is would hand those out twice. So every process counts
 * its granted-but-unanswered calls and the tokens they reserved in Redis, and a report below
 * what we hold is lowered by those first (requests for RPM, reserved tokens for TPM; see
 * tightenFromReport).
 * A limit the provider reports lower than the configured one replaces it (capacity and refill).
 */
export class AiRateLimiter {
  private readonly buckets: RedisTokenBucket;
  private readonly reported = new Map<string, number>();
  /** The last settle of each provider in this process: the next reservation waits for it to land. */
  private readonly settling = new Map<string, Promise<void>>();
  /** Every settle of this process still running, for a shutdown to wait for. */
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly redis: Redis,
    private readonly limits: Readonly<Record<string, ProviderLimits>>,
    private readonly keyPrefix: string,
    /** Wait of a provider whose limits set no `maxWaitMs`. */
    private readonly defaultMaxWaitMs: number,
  ) {
    this.buckets = new RedisTokenBucket(redis);
  }

  isLimited(provider: string): boolean {
    const l = this.limits[provider];
    return Boolean(l?.rpm || l?.tpm);
  }

  maxWaitMs(provider: string): number {
    return this.limits[provider]?.maxWaitMs ?? this.defaultMaxWaitMs;
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
    const [calls, held] = [this.key(provider, 'inflight'), this.key(provider, 'inflight-tokens')];
    // Not awaited: the call goes out now; the counters only have to be right by the next report.
    void this.redis.multi().incr(calls).incrby(held, reserved).pexpire(calls, IN_FLIGHT_TTL_MS).pexpire(held, IN_FLIGHT_TTL_MS).exec().catch(() => undefined);
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
      this.pending.delete(tracked);
      if (this.settling.get(provider) === tracked) this.settling.delete(provider);
    });
    this.settling.set(provider, tracked);
    this.pending.add(tracked);
    return done;
  }

  /** Resolves once every settle started by this process has landed (a shutdown must not cut them off). */
  async drain(): Promise<void> {
    await Promise.all(this.pending);
  }

  private async apply(reservation: Reservation, usedTokens: number | undefined, snapshot: RateLimitSnapshot | undefined): Promise<void> {
    const { provider } = reservation;
    const inFlight = await this.release(reservation);
    const reports = [['rpm', snapshot?.requests], ['tpm', snapshot?.tokens]] as const;
    await Promise.all(
      reports.map(async ([kind, report]) => {
        if (report?.limit !== undefined && this.limits[provider]?.[kind]) this.reported.set(`${provider}:${kind}`, report.limit);
        const spec = this.spec(provider, kind);
        const reconcile = kind === 'tpm' && usedTokens !== undefined ? reservation.tokens - usedTokens : 0;
        if (!spec || (!report && reconcile === 0)) return;
        // Gives back what the answer did not use (an adjust of 0 only reads the level for the report).
        const level = await this.buckets.adjust(this.key(provider, kind), spec, reconcile);
        if (report) await tightenFromReport(this.buckets, this.key(provider, kind), spec, report, level, kind === 'rpm' ? inFlight.requests : inFlight.tokens);
      }),
    );
  }

  /** The per-minute limit in force: the configured one, or the provider's when it reported a lower one. */
  limitOf(provider: string, kind: Kind): number | undefined {
    const configured = this.limits[provider]?.[kind];
    if (!configured) return undefined;
    return Math.min(configured, this.reported.get(`${provider}:${kind}`) ?? configured);
  }

  /** Takes this attempt off the in-flight counters; resolves to what the other calls still hold. */
  private async release(reservation: Reservation): Promise<InFlight> {
    const { provider, tokens } = reservation;
    const replies = await this.redis.multi().decr(this.key(provider, 'inflight')).decrby(this.key(provider, 'inflight-tokens'), tokens).exec();
    const count = (index: number): number => Math.max(0, Number(replies?.[index]?.[1] ?? 0));
    return { requests: count(0), tokens: count(1) };
  }

  private spec(provider: string, kind: Kind): BucketLimits | undefined {
    const perMinute = this.limitOf(provider, kind);
    return perMinute ? { capacity: perMinute, refillPerSecond: perMinute / 60 } : undefined;
  }

  private key(provider: string, kind: Kind | 'inflight' | 'inflight-tokens'): string {
    // One hash tag per provider keeps a call's keys in one Redis Cluster slot.
    return `${this.keyPrefix}:rl:{${provider}}:${kind}`;
  }
}
