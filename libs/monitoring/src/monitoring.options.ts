import { resolveKeyPrefix, type RedisConnectionConfig } from '@aiwire/core';
import { MonitoringConfigurationError } from './errors/monitoring-configuration.error.js';
import { resolveAlertsOptions, type ResolvedAlertsOptions } from './alerts/alerts.options.js';
import type {
  MonitoringAdminOptions,
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

/** Where each part's routes go; absent for a part forRoot leaves off (its paths stay the app's). */
export type ResolvedMonitoringRoutes = Readonly<Record<keyof MonitoringRoutes, string | undefined>>;

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
  /** Checked (rules, channel, durations) before anything connects. */
  readonly alerts: ResolvedAlertsOptions | undefined;
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
    alerts: options.alerts ? resolveAlertsOptions(options.alerts) : undefined,
  };
}

/**
 * Where routes go. forRoot: each part that is on, at its `path`; a part left off mounts nothing, so
 * its paths stay the app's. forRootAsync (the factory has not run yet): each part at `routes.<part>`
 * or its default, unless `routes.<part>` is `false`; a part the factory leaves off answers 404 there.
 */
export function resolveMonitoringRoutes(source: MonitoringModuleOptions & MonitoringModuleExtras, async: boolean): ResolvedMonitoringRoutes {
  const D = MONITORING_DEFAULTS.routes;
  const given = (name: keyof MonitoringRoutes, option: { path?: string } | boolean | undefined): string | undefined => {
    if (async) {
      const route = source.routes?.[name];
      return route === false ? undefined : (route ?? D[name]);
    }
    if (option === undefined || option === false) return undefined;
    return (typeof option === 'object' ? option.path : undefined) ?? D[name];
  };
  const routes = { metrics: given('metrics', source.metrics), health: given('health', source.health), admin: given('admin', source.admin) };
  for (const [name, value] of Object.entries(routes)) {
    if (value !== undefined && (!value.startsWith('/') || value.length < 2 || value.endsWith('/'))) {
      throw new MonitoringConfigurationError(`MonitoringModule: the ${name} path must start with '/' and not end with one; got ${JSON.stringify(value)}`);
    }
  }
  return routes;
}
