import type { MonitoringPart } from '../monitoring-part.js';
import type { ResolvedMonitoringRoutes } from '../monitoring.options.js';

/** The alerts part of MonitoringModule. */
export function alertsPart(_routes: ResolvedMonitoringRoutes): MonitoringPart {
  return {};
}
