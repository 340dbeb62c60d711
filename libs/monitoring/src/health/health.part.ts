import type { MonitoringPart } from '../monitoring-part.js';
import type { ResolvedMonitoringRoutes } from '../monitoring.options.js';

/** The health part of MonitoringModule. */
export function healthPart(_routes: ResolvedMonitoringRoutes): MonitoringPart {
  return {};
}
