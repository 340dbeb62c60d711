import { Injectable, Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Queue } from 'bull';
import { redactRedisError } from '@aiwire/core';
import { QueueCountsError } from '../errors/queue-counts.error.js';

/** The queue of @aiwire/webhooks; its failed jobs are the dead letters. */
export const WEBHOOK_QUEUE_NAME = 'webhooks';

/** Longest wait for one queue's counts; Bull's connections queue commands while Redis is away. */
const COUNTS_TIMEOUT_MS = 2_000;

/** The job counts of one queue, read in one round trip. */
export interface QueueJobCounts {
  readonly queue: string;
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  readonly failed: number;
  readonly paused: number;
}

const STATES = ['waiting', 'active', 'delayed', 'failed', 'paused'] as const;

/**
 * Every Bull queue of the app (the webhooks and AI queues, the host's own), found among the
 * providers of every module the first time it is asked (all providers exist by then: ask from a
 * lifecycle hook or later). One queue per name: the first found wins.
 */
@Injectable()
export class BullQueues {
  private readonly logger = new Logger(BullQueues.name);
  private found: Map<string, Queue> | undefined;

  constructor(private readonly discovery: DiscoveryService) {}

  all(): readonly Queue[] {
    return [...this.discover().values()];
  }

  get(name: string): Queue | undefined {
    return this.discover().get(name);
  }

  /** Waiting, active, delayed, failed and paused jobs of every queue; rejects with `QueueCountsError` when one cannot be read. */
  counts(timeoutMs = COUNTS_TIMEOUT_MS): Promise<QueueJobCounts[]> {
    return Promise.all(this.all().map((queue) => countJobs(queue, timeoutMs)));
  }

  /**
   * Dead letters: the failed jobs of the `webhooks` queue. The webhooks queue moves a job to
   * `failed` only after its last attempt (or at once for an invalid payload; a retrying job waits
   * in `delayed`) and keeps it there until it is replayed or discarded, so `failed` is exactly the
   * set `WebhookAdminService.deadLetters()` lists. 0 when the app has no webhooks queue.
   */
  async deadLetters(timeoutMs = COUNTS_TIMEOUT_MS): Promise<number> {
    const queue = this.get(WEBHOOK_QUEUE_NAME);
    return queue ? withTimeout(queue.name, queue.getFailedCount(), timeoutMs) : 0;
  }

  private discover(): Map<string, Queue> {
    if (this.found) return this.found;
    const found = new Map<string, Queue>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (wrapper.isAlias || !wrapper.isDependencyTreeStatic() || !isBullQueue(instance)) continue;
      const first = found.get(instance.name);
      if (first === undefined) found.set(instance.name, instance);
      else if (first !== instance && first.toKey('') !== instance.toKey('')) {
        this.logger.warn(`Two Bull queues are named "${instance.name}" (keys "${first.toKey('')}" and "${instance.toKey('')}"); monitoring reports the first. Give one of them another name.`);
      }
    }
    this.found = found;
    return found;
  }
}

/** Bull's Queue, duck-typed: the host's copy of bull may not be ours. */
function isBullQueue(value: unknown): value is Queue {
  if (typeof value !== 'object' || value === null) return false;
  const queue = value as Partial<Record<'getJobCounts' | 'getFailedCount' | 'toKey' | 'name', unknown>>;
  return typeof queue.getJobCounts === 'function' && typeof queue.getFailedCount === 'function' && typeof queue.toKey === 'function' && typeof queue.name === 'string';
}

async function countJobs(queue: Queue, timeoutMs: number): Promise<QueueJobCounts> {
  // Bull's typings omit the states argument; at run time it counts exactly these, in one MULTI.
  const getJobCounts = queue.getJobCounts as unknown as (this: Queue, ...states: string[]) => Promise<Partial<Record<string, number>>>;
  const counts = await withTimeout(queue.name, getJobCounts.call(queue, ...STATES), timeoutMs);
  return { queue: queue.name, waiting: counts.waiting ?? 0, active: counts.active ?? 0, delayed: counts.delayed ?? 0, failed: counts.failed ?? 0, paused: counts.paused ?? 0 };
}

function withTimeout<T>(queue: string, promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueueCountsError(queue, `The jobs of queue "${queue}" could not be counted within ${timeoutMs} ms; check that its Redis answers`)), timeoutMs);
  });
  const counted = promise.catch((error: unknown) => {
    throw new QueueCountsError(queue, `The jobs of queue "${queue}" could not be counted (${error instanceof Error ? error.message : String(error)}); check that its Redis answers`, { cause: redactRedisError(error) });
  });
  return Promise.race([counted, timeout]).finally(() => clearTimeout(timer));
}
