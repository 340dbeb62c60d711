import { RedisTokenBucket, type BucketLimits, type BucketSpec, type RedisClient } from '@aiwire/core';
import type { ProviderLimits } from '../interfaces/provider-options.interface.js';
import type { RateLimitSnapshot } from '../interfaces/rate-limit-snapshot.interface.js';
import { CallCredit, LEASE_KEEP, type LeaseBucket } from './call-credit.js';
import { CommandBatch } from './command-batch.js';
import { IN_FLIGHT_TTL_MS, InFlightLedger, type LedgerEntry, type SettleBucket } from './in-flight-ledger.js';
import { REPORT_AGE_MS, bucketReport } from './report-tightening.js';

/** What one attempt took from the buckets, to settle once its answer (or error) is in. */
export type Reservation = LedgerEntry;

type Kind = 'rpm' | 'tpm';

/**
 * RPM and TPM per provider in Redis token buckets shared by every process: reserve the estimate
 * before a call, reconcile with the real usage after it, and tighten from the provider's own
 * rate-limit headers so a quota used by others (or another app) is respected too.
 *
 * A report is a little old when it is applied, and answers are settled out of order (in one
 * process, and across processes): the provider's `remaining` may predate refunds we have booked
 * since, and does not count the requests still on their way to it, which our buckets already
 * charged. So every process records, in Redis sorted sets, its granted-but-unanswered calls and
 * the refunds it books, with their times (InFlightLedger): a report is first raised by the
 * refunds booked since it may have been written (else it would take them back), and only when it
 * is still below what we hold is it lowered by the calls granted shortly before the answer
 * arrived too (requests for RPM, reserved tokens for TPM; see bucketReport) — not by the calls
 * the provider is already answering, which it counts. A reservation is one script (charge the
 * buckets, log the call); a settle is one more (ledger, then refund and report per bucket), sent
 * off the caller's path (CommandBatch). A stale report of requests only says more remain, which
 * never raises a bucket. A limit the provider reports lower than the configured one replaces it
 * (capacity and refill). A process that calls a provider often pays for its next calls ahead from
 * a lease (CallCredit): those calls do not wait for Redis at all.
 */
export class AiRateLimiter {
  private readonly buckets: RedisTokenBucket;
  private readonly reported = new Map<string, number>();
  /**
   * The last settle of each provider whose settle script Redis may not know yet: a script
   * unknown to Redis is sent again after the NOSCRIPT reply, behind a reservation sent meanwhile,
   * so until one settle of the provider has landed a reservation waits for the previous settle.
   */
  private readonly settling = new Map<string, Promise<void>>();
  private readonly scriptLoaded = new Set<string>();
  private readonly ledger: InFlightLedger;
  private readonly credit: CallCredit;
  private readonly batch: CommandBatch;

  constructor(
    redis: RedisClient,
    private readonly limits: Readonly<Record<string, ProviderLimits>>,
    private readonly keyPrefix: string,
    /** Wait of a provider whose limits set no `maxWaitMs`. */
    private readonly defaultMaxWaitMs: number,
  ) {
    this.buckets = new RedisTokenBucket(redis);
    this.batch = new CommandBatch(redis);
    this.ledger = new InFlightLedger(this.batch, (provider, set) => this.key(provider, set));
    const callsKey = (provider: string): string => this.key(provider, 'calls');
    this.credit = new CallCredit(this.batch, callsKey, (units, tokens) => this.ledger.nextLeaseId(units, tokens), (p) => this.leaseBuckets(p));
  }

  isLimited(provider: string): boolean {
    const l = this.limits[provider];
    return Boolean(l?.rpm || l?.tpm);
  }

  maxWaitMs(provider: string): number {
    return this.limits[provider]?.maxWaitMs ?? this.defaultMaxWaitMs;
  }

  /**
   * Waits (up to `maxWaitMs`) until the provider's buckets can take one request and `tokens`.
   * A call this process's lease pays for goes at once (its log is queued). Else one script per
   * try charges the buckets and logs the call in flight: a call that need not wait costs one
   * round trip. A settle this process queued before is sent first and run first by Redis (one
   * connection, in order), so a call made right after an answer sees its refund and report (the
   * first settle of a provider is waited for: Redis may not know its script yet).
   */
  async reserve(provider: string, tokens: number, maxWaitMs: number, signal?: AbortSignal): Promise<{ reservation: Reservation; waitedMs: number }> {
    const rpm = this.spec(provider, 'rpm');
    const tpm = this.spec(provider, 'tpm');
    // A prompt bigger than the whole minute's budget can still go once the bucket is full.
    const reserved = tpm ? Math.min(tokens, tpm.capacity) : 0;
    const id = this.ledger.nextId(reserved);
    signal?.throwIfAborted();
    const lease = this.credit.take(provider, reserved);
    if (lease) {
      // Paid already: logged in flight before the call is sent (and before its settle, on this connection).
      const reservedAtMs = Date.now();
      void this.ledger.log(provider, id, reservedAtMs).catch(() => undefined);
      this.credit.confirm(provider, lease);
      this.credit.noteCall(provider, reserved);
      return { reservation: { provider, tokens: reserved, id, reservedAtMs }, waitedMs: 0 };
    }
    // What this process queued for the provider (its last settle) is run before this charge.
    this.batch.flush(provider);
    if (!this.scriptLoaded.has(provider)) await this.settling.get(provider);
    const specs: BucketSpec[] = [];
    // The provider's buckets leave "full" when this call reaches it, up to a report's age later.
    if (rpm) specs.push({ key: this.key(provider, 'rpm'), ...rpm, cost: 1, refillDelayMs: REPORT_AGE_MS });
    if (tpm) specs.push({ key: this.key(provider, 'tpm'), ...tpm, cost: reserved, refillDelayMs: REPORT_AGE_MS });
    const key = this.ledger.callsKey(provider);
    // Each try logs the call at its own time: the time of the try that was granted is the grant's.
    let reservedAtMs = 0;
    const record = () => ({ key, member: id, score: (reservedAtMs = Date.now()), ttlMs: IN_FLIGHT_TTL_MS });
    const { waitedMs } = await this.buckets.acquire(specs, { maxWaitMs, record, ...(signal && { signal }) });
    this.credit.noteCall(provider, reserved);
    return { reservation: { provider, tokens: reserved, id, reservedAtMs }, waitedMs };
  }

  /**
   * Closes an attempt: gives back the reserved tokens it did not use (`usedTokens`; 0 after an
   * error answer, undefined when unknown, e.g. a timeout) and tightens from what the provider
   * reported. One script, queued before this returns (sent within BATCH_MS, or before this
   * process's next charge); the promise (which the caller need not await) says when it has
   * landed, and `drain()` waits for it.
   */
  settle(reservation: Reservation, usedTokens: number | undefined, snapshot: RateLimitSnapshot | undefined): Promise<void> {
    const { provider } = reservation;
    const done = this.apply(reservation, usedTokens, snapshot, Date.now());
    // The first settle of a provider is sent at once: the next reservation waits for it.
    if (!this.scriptLoaded.has(provider)) this.batch.flush(provider);
    const tracked = done.then(
      () => void this.scriptLoaded.add(provider),
      () => undefined,
    );
    if (!this.scriptLoaded.has(provider)) this.settling.set(provider, tracked);
    void tracked.finally(() => {
      if (this.settling.get(provider) === tracked) this.settling.delete(provider);
    });
    return done;
  }

  /**
   * Resolves once every lease is closed (what it did not pay for given back) and every settle and
   * write started by this process has landed (a shutdown must not cut them off).
   */
  async drain(): Promise<void> {
    for (;;) {
      this.credit.closeAll();
      // A lease still being asked for is closed on the next turn, once granted.
      if (!this.batch.busy && !this.credit.asking) return;
      await this.batch.drain();
    }
  }

  private async apply(reservation: Reservation, usedTokens: number | undefined, snapshot: RateLimitSnapshot | undefined, receivedAtMs: number): Promise<void> {
    const { provider } = reservation;
    const refund = usedTokens !== undefined ? reservation.tokens - usedTokens : 0;
    const buckets: SettleBucket[] = [];
    for (const [kind, report] of [['rpm', snapshot?.requests], ['tpm', snapshot?.tokens]] as const) {
      if (report?.limit !== undefined && this.limits[provider]?.[kind]) this.reported.set(`${provider}:${kind}`, report.limit);
      const spec = this.spec(provider, kind);
      // Leases are granted while a bucket keeps LEASE_KEEP of it: a provider that says it holds less pays for no more calls ahead.
      if (spec && report && report.remaining < spec.capacity * LEASE_KEEP) this.credit.closeAll(provider);
      // Gives back what the answer did not use, then applies the report, in one step.
      const delta = kind === 'tpm' ? refund : 0;
      if (!spec || (!report && delta === 0)) continue;
      buckets.push({ key: this.key(provider, kind), limits: spec, counts: kind === 'rpm' ? 'requests' : 'tokens', delta, report: report && bucketReport(report, spec) });
    }
    await this.ledger.settle(reservation, refund, receivedAtMs, buckets);
  }

  /** The per-minute limit in force: the configured one, or the provider's when it reported a lower one. */
  limitOf(provider: string, kind: Kind): number | undefined {
    const configured = this.limits[provider]?.[kind];
    if (!configured) return undefined;
    return Math.min(configured, this.reported.get(`${provider}:${kind}`) ?? configured);
  }

  private leaseBuckets(provider: string): LeaseBucket[] {
    const buckets: LeaseBucket[] = [];
    const rpm = this.spec(provider, 'rpm');
    const tpm = this.spec(provider, 'tpm');
    if (rpm) buckets.push({ key: this.key(provider, 'rpm'), limits: rpm, counts: 'requests' });
    if (tpm) buckets.push({ key: this.key(provider, 'tpm'), limits: tpm, counts: 'tokens' });
    return buckets;
  }

  private spec(provider: string, kind: Kind): BucketLimits | undefined {
    const perMinute = this.limitOf(provider, kind);
    return perMinute ? { capacity: perMinute, refillPerSecond: perMinute / 60 } : undefined;
  }

  private key(provider: string, kind: Kind | 'calls' | 'refunds'): string {
    // One hash tag per provider keeps a call's keys in one Redis Cluster slot.
    return `${this.keyPrefix}:rl:{${provider}}:${kind}`;
  }
}
