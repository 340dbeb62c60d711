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
