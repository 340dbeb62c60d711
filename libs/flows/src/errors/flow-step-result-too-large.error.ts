/** A step (or the flow itself) returned a result whose JSON is over `maxStepResultBytes`; never retried. */
export class FlowStepResultTooLargeError extends Error {
  override readonly name = 'FlowStepResultTooLargeError';

  constructor(
    /** The step id, or undefined for the flow's own result. */
    readonly step: string | undefined,
    /** Size of the JSON, in bytes. */
    readonly bytes: number,
    /** The limit, in bytes. */
    readonly limit: number,
    message: string,
  ) {
    super(message);
  }
}
