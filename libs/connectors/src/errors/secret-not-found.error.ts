import { messages } from '../connectors.messages.js';

/**
 * No configured `SecretsProvider` holds the secret that `env(name)` refers to.
 * @publicApi
 */
export class SecretNotFoundError extends Error {
  override readonly name = 'SecretNotFoundError';

  constructor(
    /** The secret's name, as given to `env()`. */
    readonly secretName: string,
    /** Descriptions of the providers that were asked, in order. */
    readonly providers: readonly string[],
  ) {
    super(messages.secretNotFound(secretName, providers));
  }
}
