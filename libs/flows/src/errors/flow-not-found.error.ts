/** `start()` named a flow that no `@Flow` method of this app declares. */
export class FlowNotFoundError extends Error {
  override readonly name = 'FlowNotFoundError';

  constructor(
    /** The name asked for. */
    readonly flow: string,
    message: string,
  ) {
    super(message);
  }
}
