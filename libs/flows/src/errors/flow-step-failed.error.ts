/** A step failed its last attempt; `cause` is its last error (as stored, on a re-run). */
export class FlowStepFailedError extends Error {
  override readonly name = 'FlowStepFailedError';

  constructor(
    /** The step id. */
    readonly step: string,
    /** Executions made, the last included. */
    readonly attempts: number,
    message: string,
    options: { cause: Error },
  ) {
    super(message, options);
  }
}
