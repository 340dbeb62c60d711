import { messages } from '../webhook.messages.js';

/** A payload failed its handler's `dto`; the execution fails at once, without retries. */
export class WebhookPayloadValidationError extends Error {
  override readonly name = 'WebhookPayloadValidationError';

  constructor(
    readonly handlerId: string,
    /** class-validator's messages, one per failed constraint, with the property path. */
    readonly errors: readonly string[],
  ) {
    super(messages.payloadRejected(handlerId, errors));
  }
}
