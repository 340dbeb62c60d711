import type { MonitoringPart } from '../monitoring-part.js';
import type { ResolvedMonitoringRoutes } from '../monitoring.options.js';

/** The interceptors part of MonitoringModule. */
export function interceptorsPart(_routes: ResolvedMonitoringRoutes): MonitoringPart {
  return {};
}
