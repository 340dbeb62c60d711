import type { MonitoringPart } from '../monitoring-part.js';
import type { ResolvedMonitoringRoutes } from '../monitoring.options.js';

/** The logs part of MonitoringModule. */
export function logsPart(_routes: ResolvedMonitoringRoutes): MonitoringPart {
  return {};
}
