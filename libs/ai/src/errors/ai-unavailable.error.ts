import type { ProviderFailure } from '../interfaces/chat.interface.js';

/** No provider in the chain could serve the call; `failures` says why for each, in order. */
export class AiUnavailableError extends Error {
  override readonly name = 'AiUnavailableError';

  constructor(
    readonly failures: readonly ProviderFailure[],
    options?: { cause?: unknown },
  ) {
    super(
      failures.length === 0
        ? 'No AI provider is configured for this call; add one to providers (local needs no key).'
        : `No AI provider could serve the call: ${failures.map((f) => `${f.provider} (${f.reason}: ${f.message})`).join('; ')}`,
      options,
    );
  }
}
