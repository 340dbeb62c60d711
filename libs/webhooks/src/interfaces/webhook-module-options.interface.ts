import type { RedisConnectionConfig } from '@aiwire/core';
import type { WebhookSourceOptions } from './webhook-source-options.interface.js';

/** Retry policy of a handler execution. */
export interface WebhookRetryOptions {
  /**
   * Executions of one handler for one event, the first included.
   * @default 5
   */
  attempts?: number;
  /**
   * Exponential backoff with full jitter: the n-th retry waits a random time in
   * [0, delayMs * 2^(n-1)], capped at `maxDelayMs`.
   * @default { delayMs: 1000, maxDelayMs: 3_600_000 }
   */
  backoff?: { delayMs?: number; maxDelayMs?: number };
}

/** Bull settings of the handler queue; the defaults suit most apps. */
export interface WebhookQueueOptions {
  /**
   * Redis key prefix of the Bull queue (the queue itself is named `webhooks`). Apps sharing
   * one Redis keep apart by prefix. On a Redis Cluster it must carry a hash tag, the same as
   * `keyPrefix`'s (e.g. `'{aiwire}'`), or startup fails with `RedisConfigurationError`.
   * @default 'aiwire' ('{aiwire}' on a Redis Cluster)
   */
  prefix?: string;
  /**
   * How long a worker holds a job before it counts as stalled (crashed worker), in ms.
   * @default 30000
   */
  lockDurationMs?: number;
  /**
   * How often workers look for stalled jobs, in ms.
   * @default 30000
   */
  stalledIntervalMs?: number;
  /**
   * Times a job may stall (its worker died) before it fails for good.
   * @default 5
   */
  maxStalledCount?: number;
}

export interface WebhookModuleOptions extends WebhookRetryOptions {
  /**
   * Where events, de-duplication keys and rate-limit buckets live: one Redis (`{ url }`, ioredis
   * options, or a client to duplicate) or a Redis Cluster (`{ cluster: { nodes: ['redis://host:port', …] } }`
   * or an ioredis `Cluster` to duplicate).
   * @default none (required)
   */
  redis: RedisConnectionConfig;
  /** Webhook senders by name; each is received at `POST /{prefix}/{name}`. */
  sources: Record<string, WebhookSourceOptions>;
  /**
   * Run handlers in this process. `false` makes an API-only process that just takes webhooks in.
   * @default true
   */
  workers?: boolean;
  /**
   * Handler executions run at once by this process.
   * @default 10
   */
  concurrency?: number;
  /**
   * Prefix of the Redis keys for de-duplication and rate limits. On a Redis Cluster it must carry
   * a hash tag, the same as `queue.prefix`'s (e.g. `'{aiwire}:webhooks'`): the intake writes a
   * de-dup key and the queue's keys in one script, which Redis runs only on keys of one slot.
   * @default 'aiwire:webhooks' ('{aiwire}:webhooks' on a Redis Cluster)
   */
  keyPrefix?: string;
  /**
   * `Retry-After` sent with 503 when Redis cannot store an event, in seconds.
   * @default 5
   */
  unavailableRetryAfterSeconds?: number;
  /**
   * Longest wait for Redis to store an event before answering 503, in ms.
   * @default 2000
   */
  storeTimeoutMs?: number;
  /** Bull queue settings. */
  queue?: WebhookQueueOptions;
  /**
   * `mount: 'server'` only (with `'controller'` the framework's `req.ip` is used): how the
   * caller's address for `allowIps` is found behind proxies, as Express' `trust proxy` — `false`
   * the socket peer, `n` the address n hops back in `X-Forwarded-For`, `true` the first one listed.
   * @default false
   */
  trustProxy?: boolean | number;
}

/** Where deliveries are taken: `POST /{globalPrefix}/{prefix}/:source`. */
export interface WebhookRoute {
  readonly prefix: string;
  readonly mount: 'server' | 'controller';
}

/** Options known when the module is declared (they shape routes, so they cannot be async). */
export interface WebhookModuleExtras {
  /**
   * Route prefix: deliveries are taken at `POST /{prefix}/:source`.
   * @default 'webhooks'
   */
  prefix?: string;
  /**
   * How the route is served. `'server'`: on the app's HTTP server ahead of Express/Fastify — the
   * exact bytes are read by the intake (no `rawBody` needed, no body-parser limit), and global
   * middleware, guards and interceptors do not run for it (webhooks are authenticated by their
   * signature). `'controller'`: a Nest controller, through the whole Nest request pipeline;
   * needs `NestFactory.create(AppModule, { rawBody: true })`. The app's global prefix applies to both.
   * @default 'server'
   */
  mount?: 'server' | 'controller';
  /**
   * Register the module globally so `WebhookAdminService` can be injected anywhere.
   * @default false
   */
  isGlobal?: boolean;
}
