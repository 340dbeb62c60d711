import { messages } from '../ai.messages.js';

/**
 * An attempt took longer than `timeoutMs` (retried), or the whole call passed its deadline.
 * @publicApi
 */
export class AiTimeoutError extends Error {
  override readonly name = 'AiTimeoutError';

  constructor(
    readonly provider: string,
    /** `attempt`: one HTTP attempt timed out; `deadline`: no time was left for the call. */
    readonly kind: 'attempt' | 'deadline',
    readonly timeoutMs: number,
  ) {
    super(kind === 'attempt' ? messages.attemptTimedOut(provider, timeoutMs) : messages.deadlinePassed(provider, timeoutMs));
  }
}
