import { resolveKeyPrefix, type RedisConnectionConfig } from '@aiwire/core';
import { DEFAULT_FLOWS_OPTIONS as D } from './flows.constants.js';
import { FlowConfigurationError } from './errors/flow-configuration.error.js';
import { messages } from './flows.messages.js';
import type { FlowsModuleOptions } from './interfaces/flows-module-options.interface.js';

/** The flow queue's Bull settings, every default applied. */
export interface ResolvedFlowQueueOptions {
  /** Bull `prefix` (hash-tagged by default on a Redis Cluster). */
  readonly prefix: string;
  readonly lockDurationMs: number;
  readonly stalledIntervalMs: number;
  readonly maxStalledCount: number;
}

/** A step's retry policy, every default applied. */
export interface ResolvedRetryPolicy {
  readonly attempts: number;
  readonly backoff: { readonly delayMs: number; readonly maxDelayMs: number };
}

/**
 * `FlowsModuleOptions` with every default applied, resolved once at startup (`RESOLVED_FLOWS_OPTIONS`);
 * nothing else in the module reads the raw options.
 */
export interface ResolvedFlowsOptions extends ResolvedRetryPolicy {
  readonly redis: RedisConnectionConfig;
  readonly workers: boolean;
  readonly concurrency: number;
  /** Prefix of run, wait and concurrency keys; needs no hash tag (each run's keys carry `{runId}`). */
  readonly keyPrefix: string;
  readonly maxStepResultBytes: number;
  readonly retentionSeconds: number;
  readonly queue: ResolvedFlowQueueOptions;
}

/**
 * Applies every default once and refuses what cannot work: a number out of range
 * (`FlowConfigurationError`), a queue prefix without a hash tag on a Redis Cluster
 * (`RedisConfigurationError`). Runs before any connection opens.
 */
export function resolveFlowsOptions(options: FlowsModuleOptions): ResolvedFlowsOptions {
  const queue = options.queue ?? {};
  return {
    redis: options.redis,
    workers: options.workers ?? D.workers,
    concurrency: whole('concurrency', options.concurrency ?? D.concurrency, 1),
    attempts: whole('attempts', options.attempts ?? D.attempts, 1),
    backoff: {
      delayMs: whole('backoff.delayMs', options.backoff?.delayMs ?? D.backoffDelayMs, 0),
      maxDelayMs: whole('backoff.maxDelayMs', options.backoff?.maxDelayMs ?? D.backoffMaxDelayMs, 0),
    },
    keyPrefix: nonEmpty('keyPrefix', options.keyPrefix ?? D.keyPrefix),
    maxStepResultBytes: whole('maxStepResultBytes', options.maxStepResultBytes ?? D.maxStepResultBytes, 1),
    retentionSeconds: whole('retentionSeconds', options.retentionSeconds ?? D.retentionSeconds, 1),
    queue: {
      // No script writes a run key and a queue key together, so the two prefixes need not share a tag.
      prefix: resolveKeyPrefix(options.redis, options.queue?.prefix, D.queuePrefix, 'queue.prefix'),
      lockDurationMs: whole('queue.lockDurationMs', queue.lockDurationMs ?? D.lockDurationMs, 1),
      stalledIntervalMs: whole('queue.stalledIntervalMs', queue.stalledIntervalMs ?? D.stalledIntervalMs, 1),
      maxStalledCount: whole('queue.maxStalledCount', queue.maxStalledCount ?? D.maxStalledCount, 0),
    },
  };
}

function whole(option: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new FlowConfigurationError(messages.badOption(option, value, `a whole number >= ${min}`));
  return value;
}

function nonEmpty(option: string, value: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new FlowConfigurationError(messages.badOption(option, value, 'a non-empty string'));
  return value;
}
