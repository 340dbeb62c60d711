/**
 * How randomness spreads retries (AWS Architecture Blog, "Exponential Backoff And Jitter").
 * @publicApi
 */
export type JitterMode = 'full' | 'equal' | 'none';

/**
 * Options of {@link computeBackoff}.
 * @publicApi
 */
export interface BackoffOptions {
  /**
   * Delay before the first retry, before jitter, in ms.
   * @default 500
   */
  baseMs?: number;
  /**
   * Upper bound of the exponential delay, in ms (jitter only ever lowers it).
   * @default 30_000
   */
  maxMs?: number;
  /**
   * `full`: random in [0, d); `equal`: d/2 + random in [0, d/2); `none`: d.
   * @default 'full'
   */
  jitter?: JitterMode;
  /**
   * Source of randomness in [0, 1); inject a fixed one in tests.
   * @default Math.random
   */
  random?: () => number;
}

/**
 * Delay in whole ms before retry number `attempt` (1 = first retry): `baseMs * 2^(attempt-1)`
 * capped at `maxMs`, then jittered.
 * @publicApi
 */
export function computeBackoff(attempt: number, options: BackoffOptions = {}): number {
  const { baseMs = 500, maxMs = 30_000, jitter = 'full', random = Math.random } = options;
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`computeBackoff: attempt must be an integer >= 1, got ${attempt}`);
  }
  if (!(baseMs >= 0) || !(maxMs >= 0)) {
    throw new RangeError(`computeBackoff: baseMs and maxMs must be >= 0, got ${baseMs} and ${maxMs}`);
  }
  // 2 ** large overflows to Infinity, which the cap turns back into maxMs.
  const capped = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  switch (jitter) {
    case 'full':
      return Math.floor(random() * capped);
    case 'equal':
      return Math.floor(capped / 2 + random() * (capped / 2));
    case 'none':
      return Math.floor(capped);
  }
}
