import type { IncomingHttpHeaders } from 'node:http';

/** What a scheme sees of one delivery: the exact bytes and the lower-cased headers. */
export interface WebhookRequest {
  readonly rawBody: Buffer;
  readonly headers: IncomingHttpHeaders;
}

/** An answer the sender expects at once instead of an enqueue (Slack's `url_verification`). */
export interface ImmediateReply {
  readonly status: number;
  readonly body: unknown;
}

/**
 * One way of proving a delivery came from its sender, and of naming it.
 * Implement this for providers aiwire does not ship; `verify` throws
 * `WebhookVerificationError` with a short reason, and must compare in constant time.
 */
export interface WebhookScheme {
  /** Short name used in logs and errors, e.g. `stripe`. */
  readonly name: string;
  /** Header names (lower case) that carry signatures; they are never stored nor logged. */
  readonly signatureHeaders: readonly string[];
  /**
   * Accept the request if any of `secrets` signed it within the scheme's tolerance.
   * @param nowMs the receiver's clock, in milliseconds since the epoch
   */
  verify(request: WebhookRequest, secrets: readonly string[], nowMs: number): void;
  /** The sender's id for this delivery (used to de-duplicate retries), if it carries one. */
  eventId(request: WebhookRequest, payload: unknown): string | undefined;
  /** The event type handlers subscribe to, e.g. `payment_intent.succeeded`, `orders/create`. */
  eventType(request: WebhookRequest, payload: unknown): string | undefined;
  /** A reply owed at once (handshakes); when it returns one, nothing is enqueued. */
  immediateReply?(request: WebhookRequest, payload: unknown): ImmediateReply | undefined;
}
