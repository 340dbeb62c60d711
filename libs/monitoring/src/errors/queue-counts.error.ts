/**
 * The jobs of a Bull queue could not be counted (Redis down or too slow); a scrape or a readiness
 * check reports it instead of waiting.
 */
export class QueueCountsError extends Error {
  override readonly name = 'QueueCountsError';

  constructor(readonly queue: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
