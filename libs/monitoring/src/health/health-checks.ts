import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorFunction } from '@nestjs/terminus';
import { MONITORING_OPTIONS } from '../monitoring.constants.js';
import type { ResolvedMonitoringOptions } from '../monitoring.options.js';
import { BullQueues } from '../queues/bull-queues.js';
import { resolveHealthOptions, type ResolvedHealthOptions } from './health.options.js';
import { healthMessages } from './health.messages.js';
import { RedisHealthIndicator } from './redis.indicator.js';
import { QueueBacklogIndicator } from './queue-backlog.indicator.js';
import { DeadLettersIndicator } from './dead-letters.indicator.js';
import { CircuitsIndicator } from './circuits.indicator.js';

/** Which indicators liveness and readiness run; undefined `options` when health is off. */
@Injectable()
export class HealthChecks implements OnApplicationBootstrap {
  private readonly logger = new Logger(HealthChecks.name);
  /** Undefined when the health part is off. */
  readonly options: ResolvedHealthOptions | undefined;

  constructor(
    @Inject(MONITORING_OPTIONS) monitoring: ResolvedMonitoringOptions,
    private readonly indicators: HealthIndicatorService,
    private readonly queues: BullQueues,
    private readonly redis: RedisHealthIndicator,
    private readonly backlog: QueueBacklogIndicator,
    private readonly deadLetters: DeadLettersIndicator,
    private readonly circuits: CircuitsIndicator,
  ) {
    this.options = monitoring.health && resolveHealthOptions(monitoring.health);
  }

  /** A limit on a queue the app does not have is a typo that would leave a backlog unwatched. */
  onApplicationBootstrap(): void {
    if (!this.options) return;
    const known = this.queues.all().map((queue) => queue.name);
    for (const name of this.options.namedQueues) if (!known.includes(name)) this.logger.warn(healthMessages.unknownQueue(name, known));
  }

  /** The process answers: reaching this code is the proof, so nothing outside it is asked. */
  liveness(): HealthIndicatorFunction[] {
    return [() => this.indicators.check('process').up({ pid: process.pid, uptimeSeconds: Math.round(process.uptime()) })];
  }

  /** Redis (when monitoring has one), queue backlogs, dead letters, circuit breakers. */
  readiness(options: ResolvedHealthOptions): HealthIndicatorFunction[] {
    return [
      ...(this.redis.configured ? [() => this.redis.check(options.timeoutMs)] : []),
      () => this.backlog.check(options),
      () => this.deadLetters.check(options),
      () => this.circuits.check(options),
    ];
  }
}
