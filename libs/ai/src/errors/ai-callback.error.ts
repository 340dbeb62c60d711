/**
 * One delivery of a job's completion callback failed (the receiver answered non-2xx, timed out or
 * could not be reached). Thrown inside the Bull `callback` job so that Bull retries it with backoff;
 * the job's `callback.lastError` keeps the message.
 */
export class AiCallbackError extends Error {
  override readonly name = 'AiCallbackError';
}
