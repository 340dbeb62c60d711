/**
 * `signWebhook` was called with what no sender would sign: an unknown scheme, a body that is not
 * JSON, a timestamp that is not whole seconds. A `TypeError`, as such a call is a programming error.
 * @publicApi
 */
export class WebhookSigningError extends TypeError {
  override readonly name = 'WebhookSigningError';
}
