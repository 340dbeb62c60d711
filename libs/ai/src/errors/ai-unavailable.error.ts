import type { ProviderFailure } from '../interfaces/chat.interface.js';
import { messages } from '../ai.messages.js';

/**
 * No provider in the chain could serve the call; `failures` says why for each, in order.
 * @publicApi
 */
export class AiUnavailableError extends Error {
  override readonly name = 'AiUnavailableError';

  constructor(
    readonly failures: readonly ProviderFailure[],
    options?: { cause?: unknown },
  ) {
    super(messages.unavailable(failures), options);
  }
}
