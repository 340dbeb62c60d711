import { messages } from '../ai.messages.js';

/**
 * The model's structured output is not valid JSON or does not match the schema. Retried.
 * @publicApi
 */
export class AiOutputValidationError extends Error {
  override readonly name = 'AiOutputValidationError';

  constructor(
    readonly provider: string,
    /** One line per failed constraint, with the property path. */
    readonly errors: readonly string[],
  ) {
    super(messages.outputInvalid(provider, errors));
  }
}
