import { messages } from '../ai.messages.js';

/**
 * The provider could not be reached or the connection broke before an answer (retried).
 * @publicApi
 */
export class AiNetworkError extends Error {
  override readonly name = 'AiNetworkError';

  constructor(
    readonly provider: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(messages.networkError(provider, detail), options);
  }
}
