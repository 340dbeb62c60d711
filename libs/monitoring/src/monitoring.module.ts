import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ASYNC_OPTIONS_TYPE, ConfigurableModuleClass, OPTIONS_TYPE } from './monitoring.module-definition.js';
import { MONITORING_OPTIONS, MONITORING_REDIS, MONITORING_ROUTES } from './monitoring.constants.js';
import { MONITORING_PROVIDERS } from './monitoring.providers.js';
import { resolveMonitoringRoutes } from './monitoring.options.js';
import type { MonitoringPartFactory } from './monitoring-part.js';
import type { MonitoringModuleExtras, MonitoringModuleOptions } from './interfaces/monitoring-module-options.interface.js';
import { logsPart } from './logs/logs.part.js';
import { metricsPart } from './metrics/metrics.part.js';
import { healthPart } from './health/health.part.js';
import { tracingPart } from './tracing/tracing.part.js';
import { adminPart } from './admin/admin.part.js';
import { alertsPart } from './alerts/alerts.part.js';
import { interceptorsPart } from './interceptors/interceptors.part.js';
import { flowsPart } from './flows/flows.part.js';
import { tailPart } from './tail/tail.part.js';

const PARTS: readonly MonitoringPartFactory[] = [tracingPart, logsPart, metricsPart, healthPart, adminPart, alertsPart, interceptorsPart, flowsPart, tailPart];

/**
 * Logs, metrics, health, traces, alerts and an admin for everything aiwire does, observed through
 * the `aiwire:*` diagnostics channels; and the logging and caching interceptors for host controllers.
 * @publicApi
 */
@Module({ imports: [DiscoveryModule], providers: MONITORING_PROVIDERS, exports: [MONITORING_OPTIONS, MONITORING_REDIS] })
export class MonitoringModule extends ConfigurableModuleClass {
  static override forRoot(options: typeof OPTIONS_TYPE = {}): DynamicModule {
    return withParts(super.forRoot(options), options, false);
  }

  static override forRootAsync(options: typeof ASYNC_OPTIONS_TYPE): DynamicModule {
    return withParts(super.forRootAsync(options), options, true);
  }
}

function withParts(definition: DynamicModule, source: MonitoringModuleOptions & MonitoringModuleExtras, async: boolean): DynamicModule {
  const routes = resolveMonitoringRoutes(source, async);
  const parts = PARTS.map((part) => part(routes));
  return {
    ...definition,
    imports: [...(definition.imports ?? []), ...parts.flatMap((p) => p.imports ?? [])],
    providers: [...(definition.providers ?? []), { provide: MONITORING_ROUTES, useValue: routes }, ...parts.flatMap((p) => p.providers ?? [])],
    controllers: [...(definition.controllers ?? []), ...parts.flatMap((p) => p.controllers ?? [])],
    exports: [...(definition.exports ?? []), MONITORING_ROUTES, ...parts.flatMap((p) => p.exports ?? [])],
  };
}
