/** The provider cannot do what was asked (e.g. `local` given a free-form prompt); the next provider serves. */
export class ProviderCapabilityError extends Error {
  override readonly name = 'ProviderCapabilityError';

  constructor(
    readonly provider: string,
    detail: string,
  ) {
    super(`${provider} cannot answer this: ${detail}`);
  }
}
