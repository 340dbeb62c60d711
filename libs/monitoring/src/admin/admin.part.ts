import type { MonitoringPart } from '../monitoring-part.js';
import type { ResolvedMonitoringRoutes } from '../monitoring.options.js';

/** The admin part of MonitoringModule. */
export function adminPart(_routes: ResolvedMonitoringRoutes): MonitoringPart {
  return {};
}
