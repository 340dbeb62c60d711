import type { MonitoringPart } from '../monitoring-part.js';
import type { ResolvedMonitoringRoutes } from '../monitoring.options.js';
import { createMetricsController } from './metrics.controller.js';
import { MonitoringMetrics } from './monitoring-metrics.service.js';

/**
 * The metrics part of MonitoringModule: prom-client metrics in the module's own registry, fed by
 * the `aiwire:*` channels, served at `routes.metrics`.
 */
export function metricsPart(routes: ResolvedMonitoringRoutes): MonitoringPart {
  return {
    providers: [MonitoringMetrics],
    controllers: routes.metrics === undefined ? [] : [createMetricsController(routes.metrics)],
    exports: [MonitoringMetrics],
  };
}
