/** Redis could not store an accepted delivery; the intake answers 503 so the sender retries. */
export class WebhookStoreUnavailableError extends Error {
  override readonly name = 'WebhookStoreUnavailableError';
}
