import type { MonitoringPart } from '../monitoring-part.js';
import type { ResolvedMonitoringRoutes } from '../monitoring.options.js';

/** The tracing part of MonitoringModule. */
export function tracingPart(_routes: ResolvedMonitoringRoutes): MonitoringPart {
  return {};
}
