import type { MonitoringPart } from '../monitoring-part.js';
import { MONITORING_OPTIONS } from '../monitoring.constants.js';
import type { ResolvedMonitoringOptions, ResolvedMonitoringRoutes } from '../monitoring.options.js';
import { ALERTS_OPTIONS } from './alerts.constants.js';
import { AlertsOrchestrator } from './alerts.orchestrator.js';

/**
 * The alerts part of MonitoringModule: rules over sliding windows, evaluated by every process
 * against shared state in Redis, notified once per firing and once per resolve.
 */
export function alertsPart(_routes: ResolvedMonitoringRoutes): MonitoringPart {
  return {
    providers: [{ provide: ALERTS_OPTIONS, inject: [MONITORING_OPTIONS], useFactory: (options: ResolvedMonitoringOptions) => options.alerts }, AlertsOrchestrator],
  };
}
