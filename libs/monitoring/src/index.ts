export { MonitoringModule } from './monitoring.module.js';
export { MonitoringConfigurationError } from './errors/monitoring-configuration.error.js';
export type {
  MonitoringModuleOptions,
  MonitoringModuleExtras,
  MonitoringRoutes,
  MonitoringLogsOptions,
  MonitoringLogLevel,
  MonitoringMetricsOptions,
  MonitoringHealthOptions,
  MonitoringAdminOptions,
  MonitoringAlertsOptions,
  MonitoringAlertRule,
  MonitoringAlertCondition,
  MonitoringAlertChannel,
  Duration,
} from './interfaces/monitoring-module-options.interface.js';
/** @publicApi `env('NAME')`: a secret read from the environment at startup (the same reference @aiwire/connectors takes). */
export { env } from '@aiwire/core';
export type { Secret, SecretRef } from '@aiwire/core';
