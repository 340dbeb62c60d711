/**
 * A delivery failed verification. `message` is short, fixed text that is safe to return
 * to the caller and to log: it never contains a secret, a signature or a body.
 */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
}
