/**
 * A webhook subscription could not be ensured with the provider; `cause` holds the provider's error.
 * @publicApi
 */
export class WebhookRegistrationError extends Error {
  override readonly name = 'WebhookRegistrationError';

  constructor(
    /** The connector the subscription goes through. */
    readonly connector: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
