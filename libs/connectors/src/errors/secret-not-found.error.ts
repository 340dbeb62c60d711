/** No configured `SecretsProvider` holds the secret that `env(name)` refers to. */
export class SecretNotFoundError extends Error {
  override readonly name = 'SecretNotFoundError';

  constructor(
    /** The secret's name, as given to `env()`. */
    readonly secretName: string,
    /** Descriptions of the providers that were asked, in order. */
    readonly providers: readonly string[],
  ) {
    super(
      `Secret "${secretName}" was not found (looked in: ${providers.join(', ') || 'no provider'}). ` +
        `Set it (e.g. the environment variable ${secretName}, or a file named ${secretName} in the secrets directory), ` +
        `or configure a SecretsProvider that holds it.`,
    );
  }
}
