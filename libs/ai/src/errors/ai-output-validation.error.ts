/** The model's structured output is not valid JSON or does not match the schema. Retried. */
export class AiOutputValidationError extends Error {
  override readonly name = 'AiOutputValidationError';

  constructor(
    readonly provider: string,
    /** One line per failed constraint, with the property path. */
    readonly errors: readonly string[],
  ) {
    super(`${provider}'s structured output does not match the schema: ${errors.slice(0, 5).join('; ')}. The call is retried; simplify the schema if it keeps failing.`);
  }
}
