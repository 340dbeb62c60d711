import type { MonitoringPart } from '../monitoring-part.js';
import type { ResolvedMonitoringRoutes } from '../monitoring.options.js';
import { ResponseCache } from './response-cache.js';

/**
 * The interceptors part of MonitoringModule: what `CachingInterceptor` (used on host controllers,
 * built in their modules) injects from the global module — the Redis side of the response cache.
 */
export function interceptorsPart(_routes: ResolvedMonitoringRoutes): MonitoringPart {
  return { providers: [ResponseCache], exports: [ResponseCache] };
}
