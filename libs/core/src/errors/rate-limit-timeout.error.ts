/**
 * A rate-limited call would have had to wait longer than the caller allows. Carries the wait it
 * would have needed, so the caller can answer `Retry-After` or fall back to another provider.
 * @publicApi
 */
export class RateLimitTimeoutError extends Error {
  override readonly name = 'RateLimitTimeoutError';

  constructor(
    /** The buckets that were asked for. */
    readonly keys: readonly string[],
    /** How long (ms) the call would have had to wait for its tokens. */
    readonly waitMs: number,
    /** The longest wait (ms) the caller accepted. */
    readonly maxWaitMs: number,
  ) {
    super(
      `Rate limit ${keys.map((key) => `"${key}"`).join(', ')} needs a wait of ${Math.ceil(waitMs)} ms, ` +
        `more than the allowed ${maxWaitMs} ms; retry later, raise maxWaitMs or the limit.`,
    );
  }
}
