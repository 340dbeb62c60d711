/**
 * A re-run of a flow reached a step id other than the one recorded at that position: the flow's code
 * changed under a live run. The run fails; replay it from `expected` to run it on the new code.
 */
export class FlowDeterminismError extends Error {
  override readonly name = 'FlowDeterminismError';

  constructor(
    /** The step id recorded at that position. */
    readonly expected: string,
    /** The step id the code reached instead. */
    readonly actual: string,
    message: string,
  ) {
    super(message);
  }
}
