import type { RedisConnectionConfig } from '@aiwire/core';

/** Retry policy of one step: `attempts` executions, exponential backoff with full jitter between them. */
export interface FlowRetryOptions {
  /**
   * Executions of one step, the first included. After the last one fails the run fails.
   * @default 3
   */
  attempts?: number;
  /**
   * The n-th retry waits a random time in [0, delayMs * 2^(n-1)], capped at `maxDelayMs`. The run
   * waits as a delayed job: no worker is held meanwhile.
   * @default { delayMs: 1000, maxDelayMs: 600000 }
   */
  backoff?: { delayMs?: number; maxDelayMs?: number };
}

/** Bull settings of the flow queue; the defaults suit most apps. */
export interface FlowQueueOptions {
  /**
   * Redis key prefix of the Bull queue (the queue is named `flows`). On a Redis Cluster it must carry
   * a hash tag (e.g. `'{aiwire}'`), or startup fails with `RedisConfigurationError`.
   * @default 'aiwire' ('{aiwire}' on a Redis Cluster)
   */
  prefix?: string;
  /**
   * How long a worker holds a run before it counts as stalled (crashed worker), in ms; also the TTL
   * of the run lock, renewed while the run executes.
   * @default 30000
   */
  lockDurationMs?: number;
  /**
   * How often workers look for stalled jobs, in ms.
   * @default 30000
   */
  stalledIntervalMs?: number;
  /**
   * Times a job may stall (its worker died) before the run fails for good.
   * @default 5
   */
  maxStalledCount?: number;
}

export interface FlowsModuleOptions extends FlowRetryOptions {
  /**
   * Where runs, step results, waits and the flow queue live: one Redis (`{ url }`, ioredis options, or
   * a client to duplicate) or a Redis Cluster (`{ cluster: { nodes: [...] } }` or an ioredis `Cluster`).
   * @default none (required)
   */
  redis: RedisConnectionConfig;
  /**
   * Run flows in this process. `false` makes a process that can start, emit, cancel and read runs but
   * executes none.
   * @default true
   */
  workers?: boolean;
  /**
   * Runs executed at once by this process (a sleeping or waiting run holds no slot).
   * @default 10
   */
  concurrency?: number;
  /**
   * Prefix of the run, step, wait and concurrency keys. Each run's keys carry the run id as their hash
   * tag (`{prefix}:run:{<runId>}`), so a Redis Cluster spreads runs over its masters; no tag is needed here.
   * @default 'aiwire:flows'
   */
  keyPrefix?: string;
  /**
   * Largest JSON result a step may return, in bytes; a larger one fails the step with `FlowStepResultTooLargeError`.
   * @default 524288 (512 KiB)
   */
  maxStepResultBytes?: number;
  /**
   * How long a finished run (completed, failed or cancelled) and its step records are kept, in seconds.
   * A run still going is kept until it ends, then for this long.
   * @default 604800 (7 days)
   */
  retentionSeconds?: number;
  /** Bull settings of the flow queue. */
  queue?: FlowQueueOptions;
}

/** Options of `forRoot`/`forRootAsync` that shape the module itself. */
export interface FlowsModuleExtras {
  /**
   * Register the module globally, so `FlowsService` can be injected anywhere.
   * @default true
   */
  isGlobal?: boolean;
}
