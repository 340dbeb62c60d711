import type { MonitoringPart } from '../monitoring-part.js';
import type { ResolvedMonitoringRoutes } from '../monitoring.options.js';
import { FlowObserver } from './flow-observer.service.js';
import { FlowRuns } from './flow-runs.service.js';
import { createFlowsApiController } from './flows-api.controller.js';
import { createFlowsPagesController } from './flows-pages.controller.js';

/**
 * The flows part of MonitoringModule: runs and steps of @aiwire/flows into the metrics and the log
 * lines, and the run view in the admin (`{admin}/flows`, pages and JSON). Needs the metrics, logs
 * and admin parts' providers (same module); each piece does nothing while its part is off.
 */
export function flowsPart(routes: ResolvedMonitoringRoutes): MonitoringPart {
  return {
    providers: [FlowObserver, FlowRuns],
    controllers: routes.admin === undefined ? [] : [createFlowsApiController(routes.admin), createFlowsPagesController(routes.admin)],
  };
}
