import { env as secretRef, isSecretRef, type Secret, type SecretRef } from '@aiwire/core';

import { messages } from '../connectors.messages.js';
import { ConnectorConfigurationError } from '../errors/connector-configuration.error.js';

export { isSecretRef, type Secret, type SecretRef };

/**
 * Refers to the secret `name`, resolved lazily through the configured `SecretsProvider`.
 * @publicApi
 */
export function env(name: string): SecretRef {
  if (typeof name !== 'string' || name.trim() === '') throw new ConnectorConfigurationError(messages.secretNameEmpty());
  return secretRef(name);
}

/** How a secret option is described in messages: `env(NAME)` or `a literal value`, never the value. */
export function describeSecret(secret: Secret): string {
  return isSecretRef(secret) ? `env(${secret.name})` : 'a literal value';
}
