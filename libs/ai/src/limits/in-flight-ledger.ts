import { randomBytes } from 'node:crypto';
import { RedisTokenBucket, type BucketLimits } from '@aiwire/core';
import type { CommandBatch } from './command-batch.js';
import { REPORT_AGE_MS } from './report-tightening.js';

/** One granted call, as the ledger knows it. */
export interface LedgerEntry {
  readonly provider: string;
  readonly tokens: number;
  /** Unique across processes; ends with `:<tokens>`. */
  readonly id: string;
  /** When our buckets granted it, epoch ms. */
  readonly reservedAtMs: number;
}

/** A provider's report of one bucket, as settle() applies it (see bucketReport). */
export interface LedgerReport {
  readonly remaining: number;
  readonly resetAtMs: number;
  readonly slack: number;
}

/** One bucket to close a call on: give back `delta`, then apply the provider's report, if any. */
export interface SettleBucket {
  readonly key: string;
  readonly limits: BucketLimits;
  /**
   * What the report may lack: `requests` (RPM) takes the calls in flight off it; `tokens` (TPM)
   * takes off the tokens they reserved and first adds back the refunds booked since it was written.
   */
  readonly counts: 'requests' | 'tokens';
  readonly delta: number;
  readonly report?: LedgerReport | undefined;
}

/** A call in flight this long is dropped from the set (a crashed process must not hold it up). */
export const IN_FLIGHT_TTL_MS = 300_000;
/** How long refunds stay in their log: reports are compared with the last REPORT_AGE_MS of it. */
const REFUND_LOG_MS = 10 * REPORT_AGE_MS;
/** Tells this process's entries from other processes'. */
const PROCESS_ID = randomBytes(6).toString('hex');
/** Tells the ledgers of one process apart (two app instances in one process must not share ids). */
let instances = 0;

/**
 * Lua: what members of the calls set stand for. A call (`…:<tokens>`) is one request; a lease of
 * calls charged ahead (`…:L<units>:<tokens>`, see CallCredit) is `units` requests.
 */
export const COUNT_MEMBERS = `
local function count(members)
  local requests, tokens = 0, 0
  for _, m in ipairs(members) do
    tokens = tokens + (tonumber(string.match(m, ':([^:]*)$')) or 0)
    requests = requests + (tonumber(string.match(m, ':L(%d+):[^:]*$')) or 1)
  end
  return requests, tokens
end
`;

/**
 * Closes a call in one atomic step (a call's keys share one hash tag):
 *   KEYS   = calls, refunds, bucket 1..n
 *   ARGV   = id, refund, receivedAtMs, nowMs, reservedAtMs, reportAgeMs, inFlightTtlMs, refundLogMs,
 *            then per bucket: capacity, refill/s, delta, 'requests'|'tokens', remaining|'', resetInMs, slack
 * Takes the call off the in-flight set (a call no longer there was settled: nothing more is done,
 * so a script sent twice counts once) and logs its refund (scored by when its answer arrived:
 * the order the provider answered in). A report carried by the answer may not reflect the calls
 * granted up to reportAgeMs before it arrived (the older ones reached the provider long ago and
 * are counted there), nor the refunds of answers that arrived after it (or up to reportAgeMs
 * before it: processes lag differently), but not before this call was granted (the provider had
 * answered those before it saw this call). Then each bucket: refund, then that report. A lease
 * of calls charged ahead (scored when it ends, so always in that window) counts as its calls; a
 * report below our books revokes every lease (see CallCredit).
 */
const SETTLE = RedisTokenBucket.script(`${COUNT_MEMBERS}
local calls, refunds = KEYS[1], KEYS[2]
local id, refund, received, clientNow = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local reservedAt, age, inFlightTtl, refundLog = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])

-- Not in the set: settled already (a script sent again after a dropped connection), unless it
-- was granted so long ago that it was dropped from the set unanswered.
if redis.call('ZREM', calls, id) == 0 and reservedAt > clientNow - inFlightTtl then return 0 end
redis.call('ZREMRANGEBYSCORE', calls, '-inf', clientNow - inFlightTtl)
-- The books are read only against a report (their size grows with the call rate).
local inFlight, requests, tokens, refunded, read = {}, 0, 0, 0, false
for i = 3, #KEYS do
  if ARGV[13 + 7 * (i - 3)] ~= '' and not read then
    read = true
    inFlight = redis.call('ZRANGEBYSCORE', calls, received - age, '+inf')
    requests, tokens = count(inFlight)
    local _
    _, refunded = count(redis.call('ZRANGEBYSCORE', refunds, math.max(received - age, reservedAt), '+inf'))
  end
end
redis.call('ZREMRANGEBYSCORE', refunds, '-inf', clientNow - refundLog)
if refund > 0 then
  redis.call('ZADD', refunds, received, id .. ':' .. ARGV[2])
  redis.call('PEXPIRE', refunds, refundLog)
end

local short = false
for i = 3, #KEYS do
  local a = 9 + 7 * (i - 3)
  local remaining, owed = tonumber(ARGV[a + 4]), requests
  if ARGV[a + 3] == 'tokens' then
    owed = tokens
    if remaining then remaining = remaining + refunded end
  end
  local _, below = reconcile(KEYS[i], tonumber(ARGV[a]), tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), remaining, tonumber(ARGV[a + 5]), owed, tonumber(ARGV[a + 6]))
  short = short or below
end
-- The provider holds less than our books: every lease is revoked (what it held stays charged, as
-- calls its holder may still send before it hears of this), so its holder stops paying from it.
if short then
  for _, m in ipairs(inFlight) do
    if string.find(m, ':L%d+:[^:]*$') then redis.call('ZREM', calls, m) end
  end
end
return 1
`);

/**
 * The calls our buckets granted and not answered yet, and the refunds answers booked, per
 * provider, in two Redis sorted sets scored by time and shared by every process — so that a
 * report can be compared with our books as they were when it was written. A grant is logged by
 * the script that charges the buckets (`record`), or, for a call paid from a lease, by one `ZADD`
 * sent before the call (`log`); it is closed by one script with the refund and the reports
 * (`settle`).
 */
export class InFlightLedger {
  private sequence = 0;
  private readonly origin = `${PROCESS_ID}${(instances += 1)}`;

  constructor(
    private readonly batch: CommandBatch,
    private readonly keyOf: (provider: string, set: 'calls' | 'refunds') => string,
  ) {}

  /** A new id for a call of `tokens`. */
  nextId(tokens: number): string {
    return `${this.origin}:${(this.sequence += 1)}:${tokens}`;
  }

  /** A new id for a lease of `units` calls and `tokens` (see COUNT_MEMBERS). */
  nextLeaseId(units: number, tokens: number): string {
    return `${this.origin}:${(this.sequence += 1)}:L${units}:${tokens}`;
  }

  /**
   * Logs a call paid from a lease as in flight since `atMs` (its lease counts it meanwhile), in
   * the batch: Redis runs it before the call's settle, which this process queues later.
   */
  log(provider: string, id: string, atMs: number): Promise<unknown> {
    const key = this.keyOf(provider, 'calls');
    return this.batch.command(provider, (p, done) => p.zadd(key, atMs, id, done));
  }

  /** The set a grant is logged in, for `RedisTokenBucket.acquire({ record })`. */
  callsKey(provider: string): string {
    return this.keyOf(provider, 'calls');
  }

  /**
   * Takes an answered call off the set, logs its refund and settles `buckets` with it, in one
   * script, queued in the batch (Redis runs it before any later command of this process for the
   * provider); the promise says when it has landed.
   */
  settle(entry: LedgerEntry, refund: number, receivedAtMs: number, buckets: readonly SettleBucket[]): Promise<unknown> {
    const now = Date.now();
    const keys = [this.keyOf(entry.provider, 'calls'), this.keyOf(entry.provider, 'refunds')];
    const args: (string | number)[] = [entry.id, refund, receivedAtMs, now, entry.reservedAtMs, REPORT_AGE_MS, IN_FLIGHT_TTL_MS, REFUND_LOG_MS];
    for (const b of buckets) {
      keys.push(b.key);
      // A reset goes as a duration so the script measures it on Redis's clock.
      const report = b.report ? [b.report.remaining, b.report.resetAtMs - now, Math.max(0, b.report.slack)] : ['', 0, 0];
      args.push(b.limits.capacity, b.limits.refillPerSecond, b.delta, b.counts, ...report);
    }
    return this.batch.script(entry.provider, SETTLE, keys, args);
  }
}
