import { Logger } from '@nestjs/common';
import { createRedisConnection, isClusterConfig, resolveKeyPrefix, waitForRedisReady, watchRedisAvailability, type RedisClient, type RedisClusterOptions } from '@aiwire/core';
import type { RedisOptions } from 'ioredis';
import { DEFAULT_CONNECTORS_OPTIONS as D } from './connectors.constants.js';
import { messages } from './connectors.messages.js';
import type { ConnectorsModuleOptions } from './interfaces/connectors-module-options.interface.js';

/** Longest wait at startup for Redis; after it the module starts anyway and degrades until Redis is back. */
const READY_TIMEOUT_MS = 2_000;
/** Reconnect attempts a command waits through before it fails (ioredis' default is 20). */
const FAIL_FAST_RETRIES = 2;

/**
 * The prefix of every key the module writes, hash-tagged by default on a Redis Cluster. Throws
 * `RedisConfigurationError` for a `keyPrefix` without a hash tag on a cluster.
 */
export function connectorsKeyPrefix(options: Pick<ConnectorsModuleOptions, 'redis' | 'keyPrefix'>): string {
  return resolveKeyPrefix(options.redis, options.keyPrefix, D.keyPrefix, 'keyPrefix');
}

/**
 * The module's Redis connection, ready (or given up on after a short wait: Redis down at startup is
 * an outage like any other). The prefix is checked before connecting, and a Redis that cannot work
 * as configured (cluster options naming a single Redis, or the reverse) fails the startup with
 * `RedisConfigurationError`, the connection closed. Logs one line when Redis goes away and one when
 * it is back, instead of one per reconnect attempt.
 */
export async function connectConnectorsRedis(options: ConnectorsModuleOptions): Promise<RedisClient> {
  connectorsKeyPrefix(options);
  const logger = new Logger('ConnectorsModule');
  const redis = createRedisConnection(options.redis, failFast(options.redis));
  watchRedisAvailability(redis, {
    down: (reason) => logger.error(messages.redisDown(reason)),
    up: () => logger.log(messages.redisBack()),
  });
  try {
    await waitForRedisReady(redis, { timeoutMs: READY_TIMEOUT_MS });
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  return redis;
}

/**
 * A Redis outage shows up as an error within seconds (and the rate limiter lets calls through)
 * instead of commands waiting for Redis to return: on one Redis a command fails after two reconnect
 * attempts; a Cluster does not bound its offline queue by retries, so it queues nothing and fails a
 * command at once while it is not ready. What the caller set wins; a given client keeps its own.
 */
function failFast(config: ConnectorsModuleOptions['redis']): RedisOptions {
  if (typeof (config as { duplicate?: unknown }).duplicate === 'function') return {};
  if (isClusterConfig(config)) {
    const { options } = (config as RedisClusterOptions).cluster;
    return { maxRetriesPerRequest: options?.redisOptions?.maxRetriesPerRequest ?? FAIL_FAST_RETRIES, enableOfflineQueue: options?.enableOfflineQueue ?? false };
  }
  return { maxRetriesPerRequest: (config as RedisOptions).maxRetriesPerRequest ?? FAIL_FAST_RETRIES };
}
