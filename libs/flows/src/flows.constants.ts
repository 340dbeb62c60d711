/** Metadata key of `@Flow`; also exposed as `Flow.KEY`. */
export const FLOW_METADATA = 'aiwire:flows:flow';

/** Name of the Bull queue that runs flows. */
export const FLOWS_QUEUE_NAME = 'flows';

/** Injection token of the Bull queue of flow runs. */
export const FLOWS_QUEUE = Symbol('aiwire:flows:queue');

/** Injection token of the Bull client factory shared by the queue and the run store. */
export const FLOWS_CLIENTS = Symbol('aiwire:flows:clients');

/** Injection token of the ioredis client (`Redis` or `Cluster`) of the run store. */
export const FLOWS_REDIS = Symbol('aiwire:flows:redis');

/** Injection token of the module's options with every default applied (`ResolvedFlowsOptions`). */
export const RESOLVED_FLOWS_OPTIONS = Symbol('aiwire:flows:resolved-options');

/** Every default of the module's options, in one place; `resolveFlowsOptions` applies them. */
export const DEFAULT_FLOWS_OPTIONS = {
  isGlobal: true,
  workers: true,
  concurrency: 10,
  attempts: 3,
  backoffDelayMs: 1_000,
  backoffMaxDelayMs: 600_000,
  keyPrefix: 'aiwire:flows',
  maxStepResultBytes: 524_288,
  retentionSeconds: 604_800,
  queuePrefix: 'aiwire',
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  maxStalledCount: 5,
  concurrencyLimit: 1,
  listLimit: 50,
  maxListLimit: 500,
} as const;
