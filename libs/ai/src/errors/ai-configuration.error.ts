/**
 * The module options or a call's arguments are wrong; says which and how to fix it. Never retried.
 * @publicApi
 */
export class AiConfigurationError extends Error {
  override readonly name = 'AiConfigurationError';
}
