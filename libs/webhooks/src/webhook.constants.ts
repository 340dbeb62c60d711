/** Metadata key of `@OnWebhook`; also exposed as `OnWebhook.KEY`. */
export const WEBHOOK_HANDLER_METADATA = 'aiwire:webhooks:handler';

/** Name of the Bull queue of handler executions; `@InjectQueue(WEBHOOK_QUEUE_NAME)` injects it. */
export const WEBHOOK_QUEUE_NAME = 'webhooks';

/** Injection token of the Bull queue that holds handler executions. */
export const WEBHOOK_QUEUE = Symbol('aiwire:webhooks:queue');

/** Injection token of the Bull client factory shared by the queue and the intake. */
export const WEBHOOK_CLIENTS = Symbol('aiwire:webhooks:clients');

/** Injection token of the ioredis client (`Redis` or `Cluster`) used by the intake. */
export const WEBHOOK_REDIS = Symbol('aiwire:webhooks:redis');

/** Injection token of the module's options with every default applied (`ResolvedWebhookOptions`). */
export const RESOLVED_WEBHOOK_OPTIONS = Symbol('aiwire:webhooks:resolved-options');

/** Injection token of where the intake is mounted (`WebhookRoute`). */
export const WEBHOOK_ROUTE = Symbol('aiwire:webhooks:route');

/** Name of the custom Bull backoff strategy (exponential with full jitter). */
export const JITTER_BACKOFF = 'aiwire-jitter';

/** Every default of the module's options, in one place; `resolveWebhookOptions` applies them. */
export const DEFAULT_WEBHOOK_OPTIONS = {
  prefix: 'webhooks',
  mount: 'server',
  isGlobal: false,
  trustProxy: false,
  workers: true,
  concurrency: 10,
  attempts: 5,
  backoffDelayMs: 1_000,
  backoffMaxDelayMs: 3_600_000,
  keyPrefix: 'aiwire:webhooks',
  unavailableRetryAfterSeconds: 5,
  storeTimeoutMs: 2_000,
  maxBodyBytes: 1_048_576,
  maxJsonDepth: 64,
  dedupTtlSeconds: 259_200,
  rateLimitWindowSeconds: 1,
  queuePrefix: 'aiwire',
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  maxStalledCount: 5,
} as const;
