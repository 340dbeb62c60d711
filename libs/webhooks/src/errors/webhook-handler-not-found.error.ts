/**
 * A job names a handler this worker does not have (removed or renamed since the event was
 * accepted). The execution fails like any other and is kept as a dead letter, to replay once a
 * worker that has the handler is deployed.
 */
export class WebhookHandlerNotFoundError extends Error {
  override readonly name = 'WebhookHandlerNotFoundError';
}
