/** The module options or a handler declaration are wrong; thrown at startup, never per request. */
export class WebhookConfigurationError extends Error {
  override readonly name = 'WebhookConfigurationError';
}
