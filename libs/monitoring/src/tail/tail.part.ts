import type { MonitoringPart } from '../monitoring-part.js';
import type { ResolvedMonitoringRoutes } from '../monitoring.options.js';
import { TailPublisher } from './tail-publisher.js';

/**
 * The tail part of MonitoringModule: with `redis`, what every process does is published to
 * `<keyPrefix>:tail` while `aiwire tail` listens, and nothing is done while nobody does. No routes.
 */
export function tailPart(_routes: ResolvedMonitoringRoutes): MonitoringPart {
  return { providers: [TailPublisher] };
}
