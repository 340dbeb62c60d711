/** `replay()` cannot do what was asked: the run is still active, or `fromStep` is not a step of it. */
export class FlowReplayError extends Error {
  override readonly name = 'FlowReplayError';

  constructor(
    readonly runId: string,
    message: string,
  ) {
    super(message);
  }
}
