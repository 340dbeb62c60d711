import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { REPORT_AGE_MS } from './report-tightening.js';

/** What a provider's report carried by one answer may not reflect yet, across all processes. */
export interface SinceReport {
  /** Calls in flight granted shortly before the answer arrived: maybe still on their way to the provider. */
  readonly requests: number;
  /** The tokens those calls reserved. */
  readonly tokens: number;
  /** Tokens given back by answers settled since the report may have been written. */
  readonly refunded: number;
}

/** One granted call, as the ledger knows it. */
export interface LedgerEntry {
  readonly provider: string;
  readonly tokens: number;
  /** Unique across processes; ends with `:<tokens>`. */
  readonly id: string;
  /** When our buckets granted it, epoch ms. */
  readonly reservedAtMs: number;
}

/** A call in flight this long is dropped from the set (a crashed process must not hold it up). */
const IN_FLIGHT_TTL_MS = 300_000;
/** How long refunds stay in their log: reports are compared with the last REPORT_AGE_MS of it. */
const REFUND_LOG_MS = 10 * REPORT_AGE_MS;
/** Tells this process's entries from other processes'. */
const PROCESS_ID = randomBytes(6).toString('hex');

/**
 * The calls our buckets granted and not answered yet, and the refunds answers booked, per
 * provider, in two Redis sorted sets scored by time and shared by every process — so that a
 * report can be compared with our books as they were when it was written.
 */
export class InFlightLedger {
  private sequence = 0;

  constructor(
    private readonly redis: Redis,
    private readonly keyOf: (provider: string, set: 'calls' | 'refunds') => string,
  ) {}

  /** Records a call just granted. Not awaited: the call goes out now; the set only has to be right by the next report. */
  record(provider: string, tokens: number): LedgerEntry {
    const entry = { provider, tokens, id: `${PROCESS_ID}:${(this.sequence += 1)}:${tokens}`, reservedAtMs: Date.now() };
    const calls = this.keyOf(provider, 'calls');
    void this.redis.multi().zadd(calls, entry.reservedAtMs, entry.id).pexpire(calls, IN_FLIGHT_TTL_MS).exec().catch(() => undefined);
    return entry;
  }

  /**
   * Takes an answered call off the set and logs its refund; resolves to what a report carried by
   * its answer may not reflect: the calls granted up to REPORT_AGE_MS before it arrived (the
   * older ones reached the provider long ago and are counted there), and the refunds of answers
   * that arrived after it (or up to REPORT_AGE_MS before it: processes lag differently), but not
   * before this call was granted (the provider had answered those before it saw this call).
   */
  async release(entry: LedgerEntry, refund: number, receivedAtMs: number): Promise<SinceReport> {
    const [calls, refunds] = [this.keyOf(entry.provider, 'calls'), this.keyOf(entry.provider, 'refunds')];
    const now = Date.now();
    const tx = this.redis
      .multi()
      .zrem(calls, entry.id)
      .zremrangebyscore(calls, '-inf', now - IN_FLIGHT_TTL_MS)
      .zrangebyscore(calls, receivedAtMs - REPORT_AGE_MS, '+inf')
      .zremrangebyscore(refunds, '-inf', now - REFUND_LOG_MS)
      .zrangebyscore(refunds, Math.max(receivedAtMs - REPORT_AGE_MS, entry.reservedAtMs), '+inf');
    // Scored by when its answer arrived, not when it is booked: the order the provider answered in.
    if (refund > 0) tx.zadd(refunds, receivedAtMs, `${entry.id}:${refund}`).pexpire(refunds, REFUND_LOG_MS);
    const replies = await tx.exec();
    const inFlight = members(replies?.[2]?.[1]);
    return { requests: inFlight.length, tokens: sum(inFlight), refunded: sum(members(replies?.[4]?.[1])) };
  }
}

/** The members of a ZRANGE reply. */
function members(reply: unknown): string[] {
  return Array.isArray(reply) ? reply.map(String) : [];
}

/** The amounts that end each member (`…:<tokens>`). */
function sum(entries: readonly string[]): number {
  return entries.reduce((total, entry) => total + (Number(entry.slice(entry.lastIndexOf(':') + 1)) || 0), 0);
}
