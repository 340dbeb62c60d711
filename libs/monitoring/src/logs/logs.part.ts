import { ApplicationConfig, DiscoveryModule } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import type { MonitoringPart } from '../monitoring-part.js';
import type { ResolvedMonitoringRoutes } from '../monitoring.options.js';
import { MONITORING_LOGGER } from './logs.constants.js';
import { logsProviders, type LogsSetup } from './logs.providers.js';
import { MonitoringLogs } from './monitoring-logs.service.js';
import { nestjsPinoParams } from './nestjs-pino.params.js';

/**
 * The logs part of MonitoringModule: monitoring's pino logger (`MONITORING_LOGGER`), its lines for
 * every `aiwire:*` event, and nestjs-pino's `LoggerModule` writing through the same logger.
 *
 * nestjs-pino reads its params in its own module, before which our options may not be known
 * (forRootAsync) and from which our providers may not be visible (a non-global MonitoringModule);
 * so its params factory waits for the logger our provider builds (Nest builds the providers of
 * all modules concurrently, so the wait ends as soon as ours is built).
 */
export function logsPart(_routes: ResolvedMonitoringRoutes): MonitoringPart {
  let handOver!: (params: { setup: LogsSetup | undefined; logger: Logger | undefined }) => void;
  const built = new Promise<{ setup: LogsSetup | undefined; logger: Logger | undefined }>((resolve) => (handOver = resolve));
  return {
    imports: [
      DiscoveryModule,
      LoggerModule.forRootAsync({
        inject: [ApplicationConfig],
        useFactory: async (app: ApplicationConfig) => {
          const { setup, logger } = await built;
          return nestjsPinoParams(setup, logger, app);
        },
      }),
    ],
    providers: [...logsProviders((setup, logger) => handOver({ setup, logger })), MonitoringLogs],
    exports: [MONITORING_LOGGER],
  };
}
