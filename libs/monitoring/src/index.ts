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
/** @publicApi The caching interceptor for host controllers: `@UseInterceptors(CachingInterceptor) @CacheTTL(60)` (seconds). */
export { CachingInterceptor } from './interceptors/caching.interceptor.js';
export { CacheTTL, CacheKey } from './interceptors/cache.decorators.js';
export type { CacheTtlFactory, CacheKeyFactory, CacheTtlDecorator, CacheKeyDecorator } from './interceptors/cache.decorators.js';
export { MonitoringMetrics } from './metrics/monitoring-metrics.service.js';
/** @publicApi One log line per host request, the request's work run under its correlation id: `@UseInterceptors(LoggingInterceptor)`. */
export { LoggingInterceptor } from './logs/logging.interceptor.js';
/** @publicApi Nest's logger through monitoring's pino (nestjs-pino's `Logger`): `app.useLogger(app.get(MonitoringLogger))`. */
export { Logger as MonitoringLogger } from 'nestjs-pino';
/** @publicApi Injection token of monitoring's pino logger (`pino.Logger`; undefined when `logs` is off). */
export { MONITORING_LOGGER } from './logs/logs.constants.js';
/** @publicApi Where log lines go (`logs.destination`). */
export type { MonitoringLogDestination } from './interfaces/monitoring-module-options.interface.js';
/** @publicApi The bodies of the admin's dead-letter API (`GET {admin}/dead-letters`). */
export type { DeadLetterView, DeadLetterList } from './admin/dead-letter-view.js';
/** @publicApi What an alert notification says (the `data` of a webhook channel's body). */
export type { AlertNotification } from './alerts/alert-notification.js';
export type { MonitoringAlertMetric } from './interfaces/monitoring-module-options.interface.js';
/** @publicApi The body of GET {admin}/flows/api/flows/:flow/graph. */
export type { FlowGraph, FlowGraphNode, FlowGraphEdge } from './flows/flow-graph-view.js';
