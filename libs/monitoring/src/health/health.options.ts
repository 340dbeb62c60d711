import { MonitoringConfigurationError } from '../errors/monitoring-configuration.error.js';
import type { MonitoringHealthOptions } from '../interfaces/monitoring-module-options.interface.js';

/** Every default of the health part, written once. */
export const HEALTH_DEFAULTS = { timeoutMs: 1_000, failOnDeadLetters: false, failOnOpenCircuit: false } as const;

/** The health options with their defaults applied. */
export interface ResolvedHealthOptions {
  /** The backlog limit of `queue`, or undefined for none. */
  readonly maxBacklog: (queue: string) => number | undefined;
  /** Queue names `maxBacklog` names one by one (checked against the app's queues at startup). */
  readonly namedQueues: readonly string[];
  readonly failOnDeadLetters: boolean;
  readonly failOnOpenCircuit: boolean;
  readonly timeoutMs: number;
}

/** Applies the defaults and checks the limits, at startup. */
export function resolveHealthOptions(options: MonitoringHealthOptions): ResolvedHealthOptions {
  const { maxBacklog, timeoutMs = HEALTH_DEFAULTS.timeoutMs } = options;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new MonitoringConfigurationError(`MonitoringModule: health.timeoutMs must be a positive number of milliseconds, such as 1000; got ${JSON.stringify(timeoutMs)}`);
  }
  const perQueue = typeof maxBacklog === 'object' && maxBacklog !== null;
  const limits: Array<[string, unknown]> = perQueue ? Object.entries(maxBacklog) : maxBacklog === undefined ? [] : [['', maxBacklog]];
  for (const [name, limit] of limits) {
    if (!isLimit(limit)) {
      const option = perQueue ? `health.maxBacklog[${JSON.stringify(name)}]` : 'health.maxBacklog';
      throw new MonitoringConfigurationError(`MonitoringModule: ${option} must be a whole number of jobs, 0 or more (one for every queue, or { queueName: limit }); got ${JSON.stringify(limit)}`);
    }
  }
  const byName = new Map(perQueue ? (limits as Array<[string, number]>) : []);
  return {
    maxBacklog: typeof maxBacklog === 'number' ? () => maxBacklog : (queue) => byName.get(queue),
    namedQueues: [...byName.keys()],
    failOnDeadLetters: options.failOnDeadLetters ?? HEALTH_DEFAULTS.failOnDeadLetters,
    failOnOpenCircuit: options.failOnOpenCircuit ?? HEALTH_DEFAULTS.failOnOpenCircuit,
    timeoutMs,
  };
}

function isLimit(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
