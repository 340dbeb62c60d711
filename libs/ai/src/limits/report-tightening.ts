import type { BucketLimits } from '@aiwire/core';
import type { ReportedLimit } from '../interfaces/rate-limit-snapshot.interface.js';
import type { LedgerReport } from './in-flight-ledger.js';

/**
 * How old a provider's report may be by the time it is applied (the trip back, our bookkeeping):
 * calls granted this long before its answer arrived may still be on their way to the provider,
 * and refunds of answers that arrived this long before it may postdate it.
 */
export const REPORT_AGE_MS = 250;

/**
 * What one of our buckets is lowered to from a provider's report (the settle script of
 * InFlightLedger, as `RedisTokenBucket.reconcile`), given what our buckets granted that the
 * provider may not have counted yet (`owed`, read from the ledger by that script: the calls
 * granted shortly before the answer arrived, maybe still on their way to it).
 *
 * When the provider reports at least what we hold, our own books are the stricter ones: calls
 * being answered are charged here and there alike (both charge a call when it starts), so taking
 * them off again would halve what a quota allows while answers take seconds. When it reports
 * less (another app on the key, or our estimates ran low), its count may lack the calls still on
 * their way to it: those come off too, or their share could be granted twice. Never further: the
 * bucket never goes below what the provider says remains, less the calls in flight, whatever its
 * reset.
 */
export function bucketReport(reported: ReportedLimit, spec: BucketLimits): LedgerReport {
  // A report is whole units and a little old when it lands; within that it agrees with us.
  const slack = 1 + (spec.refillPerSecond * REPORT_AGE_MS) / 1000;
  return { remaining: reported.remaining, resetAtMs: reported.resetAtMs, slack };
}
