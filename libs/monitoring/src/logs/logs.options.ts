import { isSecretRef } from '@aiwire/core';
import { MonitoringConfigurationError } from '../errors/monitoring-configuration.error.js';
import type { MonitoringLogDestination, MonitoringLogLevel, MonitoringLogsOptions } from '../interfaces/monitoring-module-options.interface.js';
import { LOGS_DEFAULTS } from './logs.constants.js';
import { messages } from './logs.messages.js';

const LEVELS: ReadonlySet<string> = new Set<MonitoringLogLevel>(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** `MonitoringLogsOptions` with every default applied and `env()` secrets read. */
export interface ResolvedLogsOptions {
  readonly level: MonitoringLogLevel;
  readonly pretty: boolean;
  readonly redact: readonly string[];
  /** Values, never references. */
  readonly secrets: readonly string[];
  readonly discoverSecrets: boolean;
  readonly http: boolean;
  readonly destination: string | MonitoringLogDestination | undefined;
}

/** Checks the logs options and applies the defaults; an `env()` secret that is not set fails the startup. */
export function resolveLogsOptions(options: MonitoringLogsOptions, env: NodeJS.ProcessEnv = process.env): ResolvedLogsOptions {
  const level = options.level ?? LOGS_DEFAULTS.level;
  if (!LEVELS.has(level)) throw new MonitoringConfigurationError(messages.badLevel(level));
  const secrets = (options.secrets ?? []).map((secret, index) => {
    const value = isSecretRef(secret) ? env[secret.name] : secret;
    if (isSecretRef(secret) && value === undefined) throw new MonitoringConfigurationError(messages.secretNotSet(secret.name));
    if (typeof value !== 'string' || value.trim() === '') throw new MonitoringConfigurationError(messages.secretBlank(index));
    return value;
  });
  return {
    level,
    pretty: options.pretty ?? LOGS_DEFAULTS.pretty,
    redact: options.redact ?? [],
    secrets,
    discoverSecrets: options.discoverSecrets ?? LOGS_DEFAULTS.discoverSecrets,
    http: options.http ?? LOGS_DEFAULTS.http,
    destination: options.destination,
  };
}
