/**
 * The module options, a handler declaration or the installed packages are wrong. Thrown at
 * startup, never per request; a `dto` without class-validator installed is found the first time
 * a worker validates with it, and fails that execution.
 */
export class WebhookConfigurationError extends Error {
  override readonly name = 'WebhookConfigurationError';
}
