import type { BucketLimits } from '@aiwire/core';
import type { CommandBatch } from './command-batch.js';
import { IN_FLIGHT_TTL_MS } from './in-flight-ledger.js';
import { CLOSE_LEASE, LEASE } from './lease.lua.js';
import { REPORT_AGE_MS } from './report-tightening.js';

/** How long after it was asked for a lease may pay for calls; then what is left of it goes back. */
export const LEASE_TTL_MS = 100;
/** A process leases once it made this many calls to a provider within LEASE_TTL_MS. */
export const LEASE_MIN_CALLS = 4;
/** The most calls one lease pays for. */
const LEASE_MAX_CALLS = 16;
/** A lease takes at most this share of a bucket… */
const LEASE_SHARE = 1 / 16;
/** …and only while the bucket keeps at least this share of its capacity after it. */
export const LEASE_KEEP = 1 / 2;

/** A bucket a lease is charged to. */
export interface LeaseBucket {
  readonly key: string;
  readonly limits: BucketLimits;
  /** What one call takes from it: one request, or its tokens. */
  readonly counts: 'requests' | 'tokens';
}

interface Lease {
  readonly member: string;
  units: number;
  tokens: number;
  readonly expiresAtMs: number;
  timer?: NodeJS.Timeout;
}

interface ProviderCredit {
  readonly leases: Lease[];
  /** When the last LEASE_MAX_CALLS calls were reserved, a ring. */
  readonly calls: number[];
  next: number;
  asking: boolean;
  pausedUntilMs: number;
}

/**
 * Calls charged ahead: a process that calls a provider often (LEASE_MIN_CALLS within
 * LEASE_TTL_MS) leases the charges of its next few calls from the shared buckets, in one script
 * off the callers' path, and those calls go without waiting for Redis. Why that keeps to the
 * quota the provider enforces:
 * - every call is charged before it is sent (a lease's calls when it is granted): a lease can
 *   never let through a call the buckets would refuse;
 * - a lease takes at most LEASE_SHARE of a bucket, and only while every bucket keeps LEASE_KEEP
 *   of its capacity after it: near the limit every call waits for its own charge, as before;
 * - for the books a lease is calls on their way to the provider: it stays in the calls set until
 *   it ends (a report is lowered by it), and a bucket near full does not refill past its capacity
 *   less what leases hold (the provider's stops at its capacity; see LEASE);
 * - a lease pays for calls LEASE_TTL_MS at most; what it has not paid for then goes back;
 * - a report below our books (another app on the key) revokes every lease (the settle script);
 *   the holder hears of it with the answer to its next call's log, so it pays from it BATCH_MS
 *   and a round trip longer at most; an answer that reports less than LEASE_KEEP of a bucket
 *   closes this process's leases at once.
 */
export class CallCredit {
  private readonly byProvider = new Map<string, ProviderCredit>();

  constructor(
    private readonly batch: CommandBatch,
    private readonly callsKey: (provider: string) => string,
    private readonly nextLeaseId: (units: number, tokens: number) => string,
    private readonly bucketsOf: (provider: string) => readonly LeaseBucket[],
  ) {}

  /** Pays for one call of `tokens` from this process's leases of the provider: the lease that did, if any. */
  take(provider: string, tokens: number): string | undefined {
    const leases = this.byProvider.get(provider)?.leases;
    if (!leases) return undefined;
    const now = Date.now();
    for (const lease of leases) {
      if (lease.expiresAtMs <= now || lease.units < 1 || lease.tokens < tokens) continue;
      lease.units -= 1;
      lease.tokens -= tokens;
      if (lease.units < 1) this.close(provider, lease);
      return lease.member;
    }
    return undefined;
  }

  /**
   * Asks Redis whether a lease is still granted, with the log of a call paid from it: one revoked
   * by a report (the settle script) pays for nothing more once the answer is here.
   */
  confirm(provider: string, member: string): void {
    const key = this.callsKey(provider);
    const checked = this.batch.command(provider, (p, done) => p.zscore(key, member, done)).then((score) => {
      const leases = this.byProvider.get(provider)?.leases ?? [];
      const lease = leases.find((l) => l.member === member);
      if (score !== null || !lease) return;
      leases.splice(leases.indexOf(lease), 1);
      clearTimeout(lease.timer);
    });
    void checked.catch(() => undefined);
  }

  /** Notes a call of `tokens` just reserved, and asks for a lease when this process calls the provider often. */
  noteCall(provider: string, tokens: number): void {
    const credit = this.creditOf(provider);
    const now = Date.now();
    credit.calls[credit.next] = now;
    credit.next = (credit.next + 1) % LEASE_MAX_CALLS;
    if (credit.asking || now < credit.pausedUntilMs) return;
    const recent = credit.calls.filter((at) => at > now - LEASE_TTL_MS).length;
    const held = credit.leases.reduce((sum, l) => sum + (l.expiresAtMs > now ? l.units : 0), 0);
    if (recent < LEASE_MIN_CALLS || held >= recent / 2) return;
    const buckets = this.bucketsOf(provider);
    let units = recent - held;
    for (const b of buckets) units = Math.min(units, Math.floor((b.limits.capacity * LEASE_SHARE) / (b.counts === 'requests' ? 1 : Math.max(1, tokens))));
    if (units < 1) credit.pausedUntilMs = now + LEASE_TTL_MS;
    else this.lease(provider, credit, buckets, units, units * tokens);
  }

  /** Whether a lease is being asked for (its answer not handled yet). */
  get asking(): boolean {
    for (const credit of this.byProvider.values()) if (credit.asking) return true;
    return false;
  }

  /** Closes the provider's leases now (all providers' without one), giving back what they have not paid for. */
  closeAll(provider?: string): void {
    for (const [name, credit] of this.byProvider) {
      // close() takes each lease off the list.
      if (provider === undefined || name === provider) while (credit.leases[0]) this.close(name, credit.leases[0]);
    }
  }

  private lease(provider: string, credit: ProviderCredit, buckets: readonly LeaseBucket[], units: number, tokens: number): void {
    credit.asking = true;
    const sentAtMs = Date.now();
    const expiresAtMs = sentAtMs + LEASE_TTL_MS;
    const member = this.nextLeaseId(units, tokens);
    const args: (string | number)[] = [member, expiresAtMs, LEASE_TTL_MS, IN_FLIGHT_TTL_MS, LEASE_KEEP, sentAtMs];
    for (const b of buckets) args.push(b.limits.capacity, b.limits.refillPerSecond, b.counts === 'requests' ? units : tokens, REPORT_AGE_MS, b.counts);
    void this.batch.script(provider, LEASE, [this.callsKey(provider), ...buckets.map((b) => b.key)], args).then(
      (granted) => {
        credit.asking = false;
        if (Number(granted) !== 1) {
          credit.pausedUntilMs = Date.now() + LEASE_TTL_MS;
          return;
        }
        const lease: Lease = { member, units, tokens, expiresAtMs };
        lease.timer = setTimeout(() => this.close(provider, lease), Math.max(0, expiresAtMs - Date.now())).unref();
        credit.leases.push(lease);
      },
      () => {
        credit.asking = false;
        credit.pausedUntilMs = Date.now() + 1000;
      },
    );
  }

  private close(provider: string, lease: Lease): void {
    const leases = this.byProvider.get(provider)?.leases;
    const at = leases?.indexOf(lease) ?? -1;
    if (at < 0) return;
    leases!.splice(at, 1);
    clearTimeout(lease.timer);
    const buckets = this.bucketsOf(provider);
    const args: (string | number)[] = [lease.member];
    for (const b of buckets) args.push(b.limits.capacity, b.limits.refillPerSecond, b.counts === 'requests' ? lease.units : lease.tokens);
    // A lease that cannot be closed keeps what it held (the safe side) and leaves the set in 5 min.
    void this.batch.script(provider, CLOSE_LEASE, [this.callsKey(provider), ...buckets.map((b) => b.key)], args).catch(() => undefined);
  }

  private creditOf(provider: string): ProviderCredit {
    let credit = this.byProvider.get(provider);
    if (!credit) this.byProvider.set(provider, (credit = { leases: [], calls: [], next: 0, asking: false, pausedUntilMs: 0 }));
    return credit;
  }
}
