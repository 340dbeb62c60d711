import { messages } from '../ai.messages.js';

/**
 * The provider cannot do what was asked (e.g. `local` given a free-form prompt); the next provider serves.
 * @publicApi
 */
export class ProviderCapabilityError extends Error {
  override readonly name = 'ProviderCapabilityError';

  constructor(
    readonly provider: string,
    detail: string,
  ) {
    super(messages.cannotAnswer(provider, detail));
  }
}
