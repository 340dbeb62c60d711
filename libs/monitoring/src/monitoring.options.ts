import { resolveKeyPrefix, type RedisConnectionConfig } from '@aiwire/core';
import { MonitoringConfigurationError } from './errors/monitoring-configuration.error.js';
import type {
  MonitoringAdminOptions,
  MonitoringAlertsOptions,
  MonitoringHealthOptions,
  MonitoringLogsOptions,
  MonitoringMetricsOptions,
  MonitoringModuleExtras,
  MonitoringModuleOptions,
  MonitoringRoutes,
} from './interfaces/monitoring-module-options.interface.js';

/** Every default of the module, written once. */
export const MONITORING_DEFAULTS = {
  keyPrefix: 'aiwire:monitoring',
  routes: { metrics: '/metrics', health: '/health', admin: '/admin' },
} as const;

export type ResolvedMonitoringRoutes = Readonly<Required<MonitoringRoutes>>;

/**
 * `MonitoringModuleOptions` with every default applied, once. A part is `undefined` when its option
 * is absent (or `false`): off. Each part's own settings are resolved by that part.
 */
export interface ResolvedMonitoringOptions {
  readonly redis: RedisConnectionConfig | undefined;
  readonly keyPrefix: string;
  readonly logs: MonitoringLogsOptions | undefined;
  readonly metrics: MonitoringMetricsOptions | undefined;
  readonly health: MonitoringHealthOptions | undefined;
  readonly tracing: boolean;
  readonly admin: MonitoringAdminOptions | undefined;
  readonly alerts: MonitoringAlertsOptions | undefined;
}

/** `true` → `{}`, `false`/absent → undefined. */
function part<T extends object>(value: T | boolean | undefined): T | undefined {
  if (value === undefined || value === false) return undefined;
  return value === true ? ({} as T) : value;
}

/** Checks the options and applies the defaults, before anything connects. */
export function resolveMonitoringOptions(options: MonitoringModuleOptions = {}): ResolvedMonitoringOptions {
  const needsRedis = [options.alerts && 'alerts'].filter(Boolean);
  if (!options.redis && needsRedis.length > 0) {
    throw new MonitoringConfigurationError(`MonitoringModule: ${needsRedis.join(', ')} keep(s) shared state in Redis; add redis: { url: 'redis://127.0.0.1:6379' }`);
  }
  if (options.admin && !options.admin.basicAuth && !options.admin.guard) {
    throw new MonitoringConfigurationError("MonitoringModule: admin needs basicAuth: { user, password } or a guard; it is never served open");
  }
  return {
    redis: options.redis,
    keyPrefix: options.redis ? resolveKeyPrefix(options.redis, options.keyPrefix, MONITORING_DEFAULTS.keyPrefix, 'keyPrefix') : (options.keyPrefix ?? MONITORING_DEFAULTS.keyPrefix),
    logs: part(options.logs),
    metrics: part(options.metrics),
    health: part(options.health),
    tracing: options.tracing === true,
    admin: options.admin,
    alerts: options.alerts,
  };
}

/** Where routes go: forRoot reads each part's `path`; forRootAsync reads `routes` (given beside the factory). */
export function resolveMonitoringRoutes(source: MonitoringModuleOptions & MonitoringModuleExtras): ResolvedMonitoringRoutes {
  const path = (value: { path?: string } | boolean | undefined): string | undefined => (typeof value === 'object' ? value.path : undefined);
  const routes = {
    metrics: source.routes?.metrics ?? path(source.metrics) ?? MONITORING_DEFAULTS.routes.metrics,
    health: source.routes?.health ?? path(source.health) ?? MONITORING_DEFAULTS.routes.health,
    admin: source.routes?.admin ?? source.admin?.path ?? MONITORING_DEFAULTS.routes.admin,
  };
  for (const [name, value] of Object.entries(routes)) {
    if (!value.startsWith('/') || value.length < 2 || value.endsWith('/')) throw new MonitoringConfigurationError(`MonitoringModule: the ${name} path must start with '/' and not end with one; got ${JSON.stringify(value)}`);
  }
  return routes;
}
