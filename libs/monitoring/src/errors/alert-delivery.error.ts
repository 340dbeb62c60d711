/**
 * One attempt to deliver an alert notification failed: the receiver answered non-2xx, timed out,
 * could not be reached, or its URL was refused by the SSRF guard. The notification is retried with
 * backoff, and logged as an error when the last attempt fails. Internal: it only reaches the log.
 */
export class AlertDeliveryError extends Error {
  override readonly name = 'AlertDeliveryError';
}
