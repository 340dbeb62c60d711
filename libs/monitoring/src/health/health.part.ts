import { TerminusModule } from '@nestjs/terminus';
import type { MonitoringPart } from '../monitoring-part.js';
import type { ResolvedMonitoringRoutes } from '../monitoring.options.js';
import { createHealthController } from './health.controller.js';
import { HealthChecks } from './health-checks.js';
import { RedisHealthIndicator } from './redis.indicator.js';
import { QueueBacklogIndicator } from './queue-backlog.indicator.js';
import { DeadLettersIndicator } from './dead-letters.indicator.js';
import { CircuitsIndicator } from './circuits.indicator.js';

/**
 * The health part of MonitoringModule: terminus liveness and readiness at `routes.health`, with
 * indicators terminus does not ship (monitoring's Redis, queue backlogs, dead letters, circuits).
 */
export function healthPart(routes: ResolvedMonitoringRoutes): MonitoringPart {
  return {
    imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
    providers: [RedisHealthIndicator, QueueBacklogIndicator, DeadLettersIndicator, CircuitsIndicator, HealthChecks],
    controllers: routes.health === undefined ? [] : [createHealthController(routes.health)],
  };
}
