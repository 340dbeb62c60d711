import { assertSameHashTag, resolveKeyPrefix, type RedisConnectionConfig } from '@aiwire/core';
import { DEFAULT_WEBHOOK_OPTIONS as D } from './webhook.constants.js';
import { resolveSources, type ResolvedSource } from './webhook-sources.js';
import type { WebhookModuleExtras, WebhookModuleOptions, WebhookRoute } from './interfaces/webhook-module-options.interface.js';

/** The handler queue's Bull settings, every default applied. */
export interface ResolvedWebhookQueueOptions {
  /** Bull `prefix` of the handler queue (hash-tagged by default on a Redis Cluster). */
  readonly prefix: string;
  readonly lockDurationMs: number;
  readonly stalledIntervalMs: number;
  readonly maxStalledCount: number;
}

/**
 * `WebhookModuleOptions` with every default applied, resolved once at startup
 * (`RESOLVED_WEBHOOK_OPTIONS`); nothing else in the module reads the raw options.
 */
export interface ResolvedWebhookOptions {
  readonly redis: RedisConnectionConfig;
  /** Sources by name, each checked and defaulted (`resolveSources`). */
  readonly sources: ReadonlyMap<string, ResolvedSource>;
  readonly workers: boolean;
  readonly concurrency: number;
  /** Executions of one handler for one event, the first included. */
  readonly attempts: number;
  readonly backoff: { readonly delayMs: number; readonly maxDelayMs: number };
  /** Prefix of the de-dup and rate-limit keys (hash-tagged by default on a Redis Cluster). */
  readonly keyPrefix: string;
  readonly unavailableRetryAfterSeconds: number;
  readonly storeTimeoutMs: number;
  readonly trustProxy: boolean | number;
  readonly queue: ResolvedWebhookQueueOptions;
}

/**
 * Applies every default once and refuses what cannot work: a bad source (`WebhookConfigurationError`),
 * a prefix without a hash tag on a Redis Cluster, or prefixes with different tags
 * (`RedisConfigurationError`: the intake script writes a de-dup key and the queue's keys in one
 * call, so they must share a slot). Runs before any connection opens.
 */
export function resolveWebhookOptions(options: WebhookModuleOptions): ResolvedWebhookOptions {
  const sources = resolveSources(options.sources);
  const { keyPrefix, queuePrefix } = resolveWebhookRedisKeys(options);
  const queue = options.queue ?? {};
  return {
    redis: options.redis,
    sources,
    workers: options.workers ?? D.workers,
    concurrency: options.concurrency ?? D.concurrency,
    attempts: options.attempts ?? D.attempts,
    backoff: {
      delayMs: options.backoff?.delayMs ?? D.backoffDelayMs,
      maxDelayMs: options.backoff?.maxDelayMs ?? D.backoffMaxDelayMs,
    },
    keyPrefix,
    unavailableRetryAfterSeconds: options.unavailableRetryAfterSeconds ?? D.unavailableRetryAfterSeconds,
    storeTimeoutMs: options.storeTimeoutMs ?? D.storeTimeoutMs,
    trustProxy: options.trustProxy ?? D.trustProxy,
    queue: {
      prefix: queuePrefix,
      lockDurationMs: queue.lockDurationMs ?? D.lockDurationMs,
      stalledIntervalMs: queue.stalledIntervalMs ?? D.stalledIntervalMs,
      maxStalledCount: queue.maxStalledCount ?? D.maxStalledCount,
    },
  };
}

/**
 * The key prefixes, hash-tagged by default on a Redis Cluster.
 * Throws `RedisConfigurationError` for a prefix without a hash tag on a cluster, and for prefixes
 * with different tags.
 */
function resolveWebhookRedisKeys(options: Pick<WebhookModuleOptions, 'redis' | 'keyPrefix' | 'queue'>): { keyPrefix: string; queuePrefix: string } {
  const keyPrefix = resolveKeyPrefix(options.redis, options.keyPrefix, D.keyPrefix, 'keyPrefix');
  const queuePrefix = resolveKeyPrefix(options.redis, options.queue?.prefix, D.queuePrefix, 'queue.prefix');
  assertSameHashTag(options.redis, { keyPrefix, 'queue.prefix': queuePrefix });
  return { keyPrefix, queuePrefix };
}

/** Where the intake is mounted, from the options known when the module is declared. */
export function resolveWebhookRoute(extras: WebhookModuleExtras): WebhookRoute {
  return { prefix: extras.prefix ?? D.prefix, mount: extras.mount ?? D.mount };
}
