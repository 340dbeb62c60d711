import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { BullQueues } from '../queues/bull-queues.js';
import { MONITORING_ROUTES } from '../monitoring.constants.js';
import type { ResolvedMonitoringRoutes } from '../monitoring.options.js';
import type { ResolvedHealthOptions } from './health.options.js';
import { healthMessages } from './health.messages.js';

/** `deadLetters`: how many webhook executions wait for a replay; down only with `failOnDeadLetters`. */
@Injectable()
export class DeadLettersIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly queues: BullQueues,
    @Inject(MONITORING_ROUTES) private readonly routes: ResolvedMonitoringRoutes,
  ) {}

  async check(options: ResolvedHealthOptions): Promise<HealthIndicatorResult<'deadLetters'>> {
    const session = this.indicators.check('deadLetters');
    let count: number;
    try {
      count = await this.queues.deadLetters(options.timeoutMs);
    } catch (error) {
      return session.down({ message: error instanceof Error ? error.message : String(error) });
    }
    if (count === 0) return session.up({ count });
    const message = healthMessages.deadLetters(count, this.routes.admin);
    return options.failOnDeadLetters ? session.down({ count, message }) : session.up({ count, message });
  }
}
