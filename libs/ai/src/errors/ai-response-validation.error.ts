import { messages } from '../ai.messages.js';

/**
 * A provider answered 2xx with a body we cannot use (not JSON, or missing required fields). Retried.
 * @publicApi
 */
export class AiResponseValidationError extends Error {
  override readonly name = 'AiResponseValidationError';

  constructor(
    readonly provider: string,
    readonly detail: string,
  ) {
    super(messages.responseInvalid(provider, detail));
  }
}
