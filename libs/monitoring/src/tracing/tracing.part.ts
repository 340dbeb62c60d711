import type { MonitoringPart } from '../monitoring-part.js';
import type { ResolvedMonitoringRoutes } from '../monitoring.options.js';
import { TracingService } from './tracing.service.js';

/**
 * The tracing part of MonitoringModule: OpenTelemetry spans for the intake, the queues, AI calls
 * and connector calls, through the app's own OpenTelemetry SDK (see TracingService).
 */
export function tracingPart(_routes: ResolvedMonitoringRoutes): MonitoringPart {
  return { providers: [TracingService] };
}
