import { messages } from '../connectors.messages.js';
import { ConnectorConfigurationError } from '../errors/connector-configuration.error.js';

const SECRET_REF = Symbol.for('aiwire.connectors.secretRef');

/**
 * A reference to a secret by name, resolved lazily (at first use) through the configured
 * `SecretsProvider`. It holds no value, so it can be logged or serialised safely.
 * @publicApi
 */
export interface SecretRef {
  readonly [SECRET_REF]: true;
  /** The secret's name: an environment variable, a file in the secrets directory, a vault key. */
  readonly name: string;
}

/**
 * A credential option: the value itself, or `env('NAME')` to resolve it through the `SecretsProvider`.
 * @publicApi
 */
export type Secret = string | SecretRef;

/**
 * Refers to the secret `name`, resolved lazily through the configured `SecretsProvider`.
 * @publicApi
 */
export function env(name: string): SecretRef {
  if (typeof name !== 'string' || name.trim() === '') throw new ConnectorConfigurationError(messages.secretNameEmpty());
  const ref = { [SECRET_REF]: true as const, name };
  // A reference must never look like a value in logs, JSON or util.inspect output.
  Object.defineProperties(ref, {
    toString: { value: () => `env(${name})` },
    toJSON: { value: () => `env(${name})` },
    [Symbol.for('nodejs.util.inspect.custom')]: { value: () => `env(${name})` },
  });
  return Object.freeze(ref);
}

/** @publicApi */
export function isSecretRef(value: unknown): value is SecretRef {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[SECRET_REF] === true;
}

/** How a secret option is described in messages: `env(NAME)` or `a literal value`, never the value. */
export function describeSecret(secret: Secret): string {
  return isSecretRef(secret) ? `env(${secret.name})` : 'a literal value';
}
