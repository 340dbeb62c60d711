import type { MonitoringPart } from '../monitoring-part.js';
import type { ResolvedMonitoringRoutes } from '../monitoring.options.js';

/** The metrics part of MonitoringModule. */
export function metricsPart(_routes: ResolvedMonitoringRoutes): MonitoringPart {
  return {};
}
