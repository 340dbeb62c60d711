import type { BucketLimits, RedisTokenBucket } from '@aiwire/core';
import type { ReportedLimit } from '../interfaces/rate-limit-snapshot.interface.js';

/** How old a provider's report may be by the time it is applied (the trip back, our bookkeeping). */
const REPORT_AGE_MS = 250;

/**
 * Lowers one of our buckets to what the provider reported, given the bucket's level just before
 * (`level`) and what our buckets granted that the provider has not answered yet (`owed`).
 *
 * When the provider reports at least what we hold, our own books are the stricter ones: the
 * calls still in flight are already charged here, and most are already counted there too, so
 * taking them off again would halve what a quota allows while answers take seconds. When it
 * reports less (another app on the key, or our estimates ran low), its count lacks the calls
 * still on their way to it: those come off too, or their share would be granted twice.
 */
export async function tightenFromReport(buckets: RedisTokenBucket, key: string, spec: BucketLimits, reported: ReportedLimit, level: number, owed: number): Promise<void> {
  const after = await buckets.tighten(key, spec, reported.remaining, reported.resetAtMs);
  // A report is whole units and a little old when it lands; within that it agrees with us.
  const slack = 1 + (spec.refillPerSecond * REPORT_AGE_MS) / 1000;
  if (after >= level - slack || owed <= 0) return;
  await buckets.tighten(key, spec, reported.remaining - owed, reported.resetAtMs + (owed / spec.refillPerSecond) * 1000);
}
