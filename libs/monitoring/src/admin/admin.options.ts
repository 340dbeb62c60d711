import { createHash } from 'node:crypto';
import type { CanActivate, Type } from '@nestjs/common';
import { isSecretRef, type Secret } from '@aiwire/core';
import { MonitoringConfigurationError } from '../errors/monitoring-configuration.error.js';
import type { MonitoringAdminOptions } from '../interfaces/monitoring-module-options.interface.js';
import { adminMessages } from './admin.messages.js';

/** The admin options resolved at startup: the credentials as SHA-256 digests only. */
export interface ResolvedAdminOptions {
  /** SHA-256 of `user:password` parts, for a constant-time compare; undefined without basic auth. */
  readonly credentials: { readonly user: Buffer; readonly password: Buffer } | undefined;
  readonly guard: Type<CanActivate> | undefined;
}

export function sha256(value: string | Buffer): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Reads `env()` passwords from the environment and keeps digests, never the values. */
export function resolveAdminOptions(options: MonitoringAdminOptions, environment: NodeJS.ProcessEnv = process.env): ResolvedAdminOptions {
  const { basicAuth, guard } = options;
  if (!basicAuth) return { credentials: undefined, guard };
  if (typeof basicAuth.user !== 'string' || basicAuth.user === '' || basicAuth.user.includes(':')) throw new MonitoringConfigurationError(adminMessages.credentialInvalid('user'));
  const password = readSecret(basicAuth.password, environment);
  return { credentials: { user: sha256(basicAuth.user), password: sha256(password) }, guard };
}

function readSecret(secret: Secret, environment: NodeJS.ProcessEnv): string {
  if (isSecretRef(secret)) {
    const value = environment[secret.name];
    if (!value) throw new MonitoringConfigurationError(adminMessages.passwordMissing(secret.name));
    return value;
  }
  if (typeof secret !== 'string' || secret === '') throw new MonitoringConfigurationError(adminMessages.credentialInvalid('password'));
  return secret;
}
