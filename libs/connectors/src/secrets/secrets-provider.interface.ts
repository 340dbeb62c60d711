/**
 * Where `env('NAME')` secrets come from. The built-ins read environment variables and files
 * (Docker/Kubernetes secrets); implement `get` to read a vault (HashiCorp Vault, AWS Secrets
 * Manager, ...). Values are cached by the module for `secretsCacheTtlMs`.
 * @publicApi
 */
export interface SecretsProvider {
  /** Resolve the secret `name`; `undefined` when this provider does not hold it. */
  get(name: string): Promise<string | undefined>;
  /** Short description for messages, e.g. `environment variables`; never a value. */
  describe?(): string;
}
