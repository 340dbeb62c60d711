// One marker for every copy of @aiwire/core: a reference made by one lib's `env()` is recognised by all.
const SECRET_REF = Symbol.for('aiwire.connectors.secretRef');

/**
 * A reference to a secret by name, resolved lazily (at first use): by @aiwire/connectors through
 * its `SecretsProvider`, by @aiwire/monitoring from the environment. It holds no value, so it can be
 * logged or serialised safely.
 * @publicApi
 */
export interface SecretRef {
  readonly [SECRET_REF]: true;
  /** The secret's name: an environment variable, a file in the secrets directory, a vault key. */
  readonly name: string;
}

/**
 * A credential option: the value itself, or `env('NAME')` to resolve it later.
 * @publicApi
 */
export type Secret = string | SecretRef;

/**
 * Refers to the secret `name` (a `TypeError` when it is empty).
 * @publicApi
 */
export function env(name: string): SecretRef {
  if (typeof name !== 'string' || name.trim() === '') throw new TypeError('env(name): the secret name must be a non-empty string');
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
