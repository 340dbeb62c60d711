import type Bull from 'bull';
import type { RedisOptions } from 'ioredis';
import { watchRedisAvailability } from './redis-availability.js';
import { isClusterConfig, type RedisClusterOptions } from './redis-cluster.js';
import { createRedisConnection, type BullClientFactory, type RedisClient, type RedisConnectionConfig } from './redis-connection.js';
import { waitForRedisReady } from './redis-ready.js';

/**
 * Where the lifecycle helpers write: a Nest `Logger` fits, as does any `{ log, error }`.
 * @publicApi
 */
export interface LifecycleLogger {
  log(message: string): void;
  error(message: string): void;
}

/**
 * How a module's Redis connection is watched and waited for at startup.
 * @publicApi
 */
export interface RedisLifecycleOptions {
  /** Gets one line when Redis goes away and one when it is back (never one per reconnect attempt). */
  readonly logger: LifecycleLogger;
  /** The two lines, in the module's words (its `*.messages.ts`). */
  readonly messages: { down(reason: string): string; up(): string };
  /** Longest wait for Redis at startup, in ms; after it the module starts and degrades until Redis is back. */
  readonly readyTimeoutMs: number;
}

/**
 * A module's own Redis connection: opened with `overrides`, watched (one log line per outage and
 * one per recovery) and waited for. Resolves once ready, or after `readyTimeoutMs` with Redis
 * still down (an outage at startup is an outage like any other). A Redis that answers but cannot
 * work as configured (cluster options naming a single Redis, or the reverse) rejects with
 * `RedisConfigurationError`, the connection closed first so a failed startup leaves nothing open.
 * @publicApi
 */
export async function connectRedis(config: RedisConnectionConfig, overrides: RedisOptions, options: RedisLifecycleOptions): Promise<RedisClient> {
  const redis = createRedisConnection(config, overrides);
  watch(redis, options);
  try {
    await waitForRedisReady(redis, { timeoutMs: options.readyTimeoutMs });
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  return redis;
}

/**
 * Bull's shared 'client' connection of `clients`, watched and waited for as `connectRedis` does;
 * on `RedisConfigurationError` every connection of the factory is closed before the rejection.
 * @publicApi
 */
export async function connectBullClients(clients: BullClientFactory, options: RedisLifecycleOptions): Promise<RedisClient> {
  const redis = clients('client') as unknown as RedisClient;
  watch(redis, options);
  try {
    await waitForRedisReady(redis, { timeoutMs: options.readyTimeoutMs });
  } catch (error) {
    await clients.close();
    throw error;
  }
  return redis;
}

/**
 * Bull re-emits its connections' errors on the queue, and an 'error' event without a listener
 * would crash the process. Logs each distinct error while Redis is up as `${label}: message`;
 * while it is down the outage has already been logged once by `connectRedis`/`connectBullClients`.
 * @publicApi
 */
export function logQueueErrors(queue: Bull.Queue, redis: RedisClient, logger: LifecycleLogger, label: string): void {
  let last = '';
  queue.on('error', (error: Error) => {
    if (error.message === last || redis.status !== 'ready') return;
    last = error.message;
    logger.error(`${label}: ${error.message}`);
  });
}

/**
 * Stops a queue's workers (letting running jobs finish) when Redis is up: Bull's `close()` waits for Redis forever otherwise.
 * @publicApi
 */
export async function closeQueue(queue: Bull.Queue, redis: RedisClient): Promise<void> {
  if (redis.status === 'ready') await queue.close();
}

/**
 * Overrides for a module's own connection so that a Redis outage shows up as an error within
 * `retries` reconnect attempts (and the module degrades) instead of commands waiting for Redis to
 * return: on one Redis through `maxRetriesPerRequest`; a Cluster does not bound its offline queue
 * by retries, so there it queues nothing and fails a command at once while it is not ready. What
 * the caller set wins; a given client (duplicated) keeps its own settings.
 * @publicApi
 */
export function failFastOptions(config: RedisConnectionConfig, retries: number): RedisOptions {
  if (typeof (config as { duplicate?: unknown }).duplicate === 'function') return {};
  if (isClusterConfig(config)) {
    const { options } = (config as RedisClusterOptions).cluster;
    return { maxRetriesPerRequest: options?.redisOptions?.maxRetriesPerRequest ?? retries, enableOfflineQueue: options?.enableOfflineQueue ?? false };
  }
  return { maxRetriesPerRequest: (config as RedisOptions).maxRetriesPerRequest ?? retries };
}

function watch(redis: RedisClient, options: RedisLifecycleOptions): void {
  watchRedisAvailability(redis, {
    down: (reason) => options.logger.error(options.messages.down(reason)),
    up: () => options.logger.log(options.messages.up()),
  });
}
