import { Logger } from '@nestjs/common';
import Bull from 'bull';
import {
  assertSameHashTag,
  computeBackoff,
  createBullClientFactory,
  resolveKeyPrefix,
  waitForRedisReady,
  watchRedisAvailability,
  type BullClientFactory,
  type RedisClient,
} from '@aiwire/core';
import { DEFAULT_WEBHOOK_OPTIONS as D, JITTER_BACKOFF, WEBHOOK_QUEUE_NAME } from './webhook.constants.js';
import { messages } from './webhook.messages.js';
import type { WebhookModuleOptions } from './interfaces/webhook-module-options.interface.js';

/** Where the module's keys live: its own (de-dup, rate limits) and its Bull queue's. */
export interface WebhookRedisKeys {
  /** Prefix of the de-dup and rate-limit keys. */
  readonly keyPrefix: string;
  /** Bull `prefix` of the handler queue. */
  readonly queuePrefix: string;
}

/**
 * The prefixes to use, hash-tagged by default on a Redis Cluster. Throws `RedisConfigurationError`
 * for a prefix without a hash tag on a cluster, and for prefixes with different tags: the intake
 * script writes a de-dup key and the queue's keys in one call, so they must share a slot.
 */
export function resolveWebhookRedisKeys(options: Pick<WebhookModuleOptions, 'redis' | 'keyPrefix' | 'queue'>): WebhookRedisKeys {
  const keyPrefix = resolveKeyPrefix(options.redis, options.keyPrefix, D.keyPrefix, 'keyPrefix');
  const queuePrefix = resolveKeyPrefix(options.redis, options.queue?.prefix, D.queuePrefix, 'queue.prefix');
  assertSameHashTag(options.redis, { keyPrefix, 'queue.prefix': queuePrefix });
  return { keyPrefix, queuePrefix };
}

/**
 * Bull's connections, shared by the queue and the intake. Takes the resolved keys only so that bad
 * prefixes are refused before any connection opens. Logs one line when Redis goes away and one when
 * it is back, instead of one per reconnect attempt.
 */
export function createClients(options: WebhookModuleOptions, _keys: WebhookRedisKeys): BullClientFactory {
  const logger = new Logger('WebhookModule');
  const clients = createBullClientFactory(options.redis);
  watchRedisAvailability(clients('client') as unknown as RedisClient, {
    down: (reason) => logger.error(messages.redisDown(reason)),
    up: () => logger.log(messages.redisBack()),
  });
  return clients;
}

/**
 * The intake's connection (Bull's shared 'client'). The app starts even when Redis is down (the
 * intake answers 503 until it is back), but a healthy Redis is connected before the first delivery
 * can arrive, and a Redis that cannot work as configured (cluster options naming a single Redis, or
 * the reverse) fails the startup with `RedisConfigurationError`, its connections closed.
 */
export async function connectIntakeClient(clients: BullClientFactory, options: WebhookModuleOptions): Promise<RedisClient> {
  const redis = clients('client') as unknown as RedisClient;
  try {
    await waitForRedisReady(redis, { timeoutMs: options.storeTimeoutMs ?? D.storeTimeoutMs });
  } catch (error) {
    await clients.close();
    throw error;
  }
  return redis;
}

/** The handler queue; `_intake` is the connected intake client, so the queue opens no connection before it is checked. */
export function createQueue(options: WebhookModuleOptions, clients: BullClientFactory, keys: WebhookRedisKeys, _intake: RedisClient): Bull.Queue {
  const queue = options.queue ?? {};
  return new Bull(WEBHOOK_QUEUE_NAME, {
    prefix: keys.queuePrefix,
    createClient: clients,
    settings: {
      lockDuration: queue.lockDurationMs ?? D.lockDurationMs,
      stalledInterval: queue.stalledIntervalMs ?? D.stalledIntervalMs,
      maxStalledCount: queue.maxStalledCount ?? D.maxStalledCount,
      backoffStrategies: {
        [JITTER_BACKOFF]: (attemptsMade: number, _error: Error, opts?: { delayMs: number; maxDelayMs: number }) =>
          computeBackoff(attemptsMade, { baseMs: opts?.delayMs ?? D.backoffDelayMs, maxMs: opts?.maxDelayMs ?? D.backoffMaxDelayMs, jitter: 'full' }),
      },
    },
  });
}
