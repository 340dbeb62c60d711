import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { BullQueues, type QueueJobCounts } from '../queues/bull-queues.js';
import type { ResolvedHealthOptions } from './health.options.js';
import { healthMessages } from './health.messages.js';

/** One queue in the details of `queues`. */
interface QueueBacklog {
  readonly waiting: number;
  readonly delayed: number;
  readonly active: number;
  readonly failed: number;
  /** waiting + delayed: the jobs no worker has taken yet. */
  readonly backlog: number;
  readonly maxBacklog?: number;
}

/**
 * `queues`: every Bull queue's counts, always; down when a queue's waiting + delayed jobs pass its
 * `maxBacklog`, or when the counts cannot be read within `timeoutMs`.
 */
@Injectable()
export class QueueBacklogIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly queues: BullQueues,
  ) {}

  async check(options: ResolvedHealthOptions): Promise<HealthIndicatorResult<'queues'>> {
    const session = this.indicators.check('queues');
    let counts: QueueJobCounts[];
    try {
      counts = await this.queues.counts(options.timeoutMs);
    } catch (error) {
      return session.down({ message: error instanceof Error ? error.message : String(error) });
    }
    // Under `byName`: a queue named "status" or "message" must not collide with terminus' keys.
    const byName: Record<string, QueueBacklog> = {};
    const above: string[] = [];
    for (const { queue, waiting, delayed, active, failed } of counts) {
      const maxBacklog = options.maxBacklog(queue);
      const backlog = waiting + delayed;
      byName[queue] = { waiting, delayed, active, failed, backlog, ...(maxBacklog !== undefined && { maxBacklog }) };
      if (maxBacklog !== undefined && backlog > maxBacklog) above.push(queue);
    }
    return above.length ? session.down({ message: healthMessages.backlogAbove(above), byName }) : session.up({ byName });
  }
}
