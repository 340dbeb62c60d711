import type { MonitoringPart } from '../monitoring-part.js';
import type { ResolvedMonitoringRoutes } from '../monitoring.options.js';
import { AdminAccess } from './admin-access.js';
import { AdminGuard } from './admin.guard.js';
import { BullBoardMount } from './bull-board.mount.js';
import { createDeadLettersController } from './dead-letters.controller.js';
import { DeadLetters } from './dead-letters.service.js';

/**
 * The admin part of MonitoringModule at `routes.admin`: the queue UI (bull-board, mounted on the
 * server) and the dead-letter API (a controller), both behind basic auth and/or the host's guard.
 */
export function adminPart(routes: ResolvedMonitoringRoutes): MonitoringPart {
  return {
    providers: [AdminAccess, AdminGuard, DeadLetters, BullBoardMount],
    controllers: routes.admin === undefined ? [] : [createDeadLettersController(routes.admin)],
  };
}
