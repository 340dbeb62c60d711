/** A `@Flow` declaration or the module options cannot work as written; thrown at startup. */
export class FlowConfigurationError extends Error {
  override readonly name = 'FlowConfigurationError';
}
