import type { Logger } from '@nestjs/common';
import type { Gauge } from 'prom-client';
import { WEBHOOK_QUEUE_NAME, type BullQueues } from '../queues/bull-queues.js';
import type { CircuitStates, CircuitStateName } from '../state/circuit-states.js';

const CIRCUIT_VALUE: Record<CircuitStateName, number> = { closed: 0, 'half-open': 1, open: 2 };

/**
 * Fills `aiwire_queue_jobs` at scrape time, one round trip per queue. A paused queue's jobs are
 * waiting. When a queue cannot be read the gauge is left empty (no stale numbers) and the scrape
 * goes on; the outage is logged once, and its end once.
 */
export function queueJobsCollector(queues: BullQueues, logger: Logger): (gauge: Gauge<'queue' | 'state'>) => Promise<void> {
  let failing = false;
  return async (gauge) => {
    gauge.reset();
    let rows;
    try {
      rows = await queues.counts();
    } catch (error) {
      if (!failing) logger.warn(`aiwire_queue_jobs is left out of the scrape until the queues answer: ${error instanceof Error ? error.message : String(error)}`);
      failing = true;
      return;
    }
    if (failing) logger.log('aiwire_queue_jobs is back: the queues answer');
    failing = false;
    for (const row of rows) {
      gauge.set({ queue: row.queue, state: 'waiting' }, row.waiting + row.paused);
      gauge.set({ queue: row.queue, state: 'active' }, row.active);
      gauge.set({ queue: row.queue, state: 'delayed' }, row.delayed);
      gauge.set({ queue: row.queue, state: 'failed' }, row.failed);
      // The webhooks queue's failed jobs are its dead letters (see BullQueues.deadLetters); other queues have none.
      if (row.queue === WEBHOOK_QUEUE_NAME) gauge.set({ queue: row.queue, state: 'dead' }, row.failed);
    }
  };
}

/** Fills `aiwire_circuit_state` at scrape time from the last change of each breaker. */
export function circuitStateCollector(circuits: CircuitStates): (gauge: Gauge<'name'>) => void {
  return (gauge) => {
    gauge.reset();
    for (const [name, state] of circuits.all()) gauge.set({ name }, CIRCUIT_VALUE[state]);
  };
}
