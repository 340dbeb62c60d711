import type { Provider } from '@nestjs/common';
import type { Logger } from 'pino';
import { MONITORING_OPTIONS } from '../monitoring.constants.js';
import type { ResolvedMonitoringOptions } from '../monitoring.options.js';
import { MONITORING_LOGGER } from './logs.constants.js';
import { resolveLogsOptions, type ResolvedLogsOptions } from './logs.options.js';
import { createMonitoringLogger } from './monitoring-logger.factory.js';
import { SecretCensor } from './secret-censor.js';

/** The logs part's resolved options and its censor (`LogsSetup`), or undefined when `logs` is off. */
export const LOGS_SETUP = Symbol('aiwire:monitoring:logs-setup');

export interface LogsSetup {
  readonly options: ResolvedLogsOptions;
  /** Secret values censored in every line: the configured ones, then the discovered ones. */
  readonly censor: SecretCensor;
}

/** `LogsSetup` from the module's options; the configured secrets are censored from the first line on. */
export function createLogsSetup(options: ResolvedMonitoringOptions): LogsSetup | undefined {
  if (!options.logs) return undefined;
  const resolved = resolveLogsOptions(options.logs);
  const censor = new SecretCensor();
  censor.add(resolved.secrets);
  return { options: resolved, censor };
}

/**
 * The options, the logger and what built it. `handOver` gives the logger to nestjs-pino's
 * `LoggerModule`, whose own module cannot inject ours when MonitoringModule is not global.
 */
export function logsProviders(handOver: (setup: LogsSetup | undefined, logger: Logger | undefined) => void): Provider[] {
  return [
    { provide: LOGS_SETUP, inject: [MONITORING_OPTIONS], useFactory: createLogsSetup },
    {
      provide: MONITORING_LOGGER,
      inject: [LOGS_SETUP],
      useFactory: async (setup: LogsSetup | undefined): Promise<Logger | undefined> => {
        const logger = setup ? await createMonitoringLogger(setup.options, setup.censor) : undefined;
        handOver(setup, logger);
        return logger;
      },
    },
  ];
}
