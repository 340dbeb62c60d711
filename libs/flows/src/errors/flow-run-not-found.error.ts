/** No run has this id (never started, or expired after the retention). */
export class FlowRunNotFoundError extends Error {
  override readonly name = 'FlowRunNotFoundError';

  constructor(
    readonly runId: string,
    message: string,
  ) {
    super(message);
  }
}
