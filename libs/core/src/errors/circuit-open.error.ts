/**
 * The circuit breaker refused the call because the downstream service failed repeatedly.
 * Nothing was sent; retry after `retryAfterMs` or serve a fallback.
 * @publicApi
 */
export class CircuitOpenError extends Error {
  override readonly name = 'CircuitOpenError';

  constructor(
    /** The circuit's name (usually the downstream service). */
    readonly circuit: string,
    /** Milliseconds until the circuit lets a trial call through. */
    readonly retryAfterMs: number,
  ) {
    super(
      `Circuit "${circuit}" is open after repeated failures, so the call was not sent; ` +
        `retry in ${Math.ceil(retryAfterMs)} ms or use a fallback, and check the downstream service.`,
    );
  }
}
