import { Logger, type Provider } from '@nestjs/common';
import { closeRedis, connectRedis, failFastOptions, type RedisClient } from '@aiwire/core';
import { ConnectorRegistry } from './connector.registry.js';
import { CONNECTOR_NAMES, CONNECTORS_OPTIONS, CONNECTORS_REDIS } from './connectors.constants.js';
import { MODULE_OPTIONS_TOKEN } from './connectors.module-definition.js';
import { messages } from './connectors.messages.js';
import { resolveConnectorsOptions, type ResolvedConnectorsOptions } from './connectors.options.js';
import type { ConnectorsModuleOptions } from './interfaces/connectors-module-options.interface.js';
import { WebhookRegistrar } from './webhooks/webhook-registrar.service.js';

/** Longest wait at startup for Redis; after it the module starts anyway and degrades until Redis is back. */
const READY_TIMEOUT_MS = 2_000;
/** Reconnect attempts a command waits through before it fails (ioredis' default is 20). */
const FAIL_FAST_RETRIES = 2;

/**
 * The module's Redis connection, ready (or given up on after a short wait: Redis down at startup is
 * an outage like any other). Options are resolved (and refused) before this runs, so a mistake
 * never leaves a connection behind; a Redis that cannot work as configured (cluster options naming
 * a single Redis, or the reverse) fails the startup with `RedisConfigurationError`, the connection
 * closed. Logs one line when Redis goes away and one when it is back.
 */
export function connectConnectorsRedis(options: ResolvedConnectorsOptions): Promise<RedisClient> {
  const logger = new Logger('ConnectorsModule');
  return connectRedis(options.redis, failFastOptions(options.redis, FAIL_FAST_RETRIES), { logger, messages: { down: messages.redisDown, up: messages.redisBack }, readyTimeoutMs: READY_TIMEOUT_MS });
}

/** The registry, which owns the connection from here on; should building it fail, the connection is closed first. */
export async function createConnectorRegistry(options: ResolvedConnectorsOptions, redis: RedisClient): Promise<ConnectorRegistry> {
  try {
    return new ConnectorRegistry(options, redis);
  } catch (error) {
    await closeRedis(redis);
    throw error;
  }
}

/** Every provider of the module, in the order they are built: options, Redis, registry, registrar. */
export const CONNECTORS_PROVIDERS: Provider[] = [
  {
    provide: CONNECTORS_OPTIONS,
    inject: [MODULE_OPTIONS_TOKEN, CONNECTOR_NAMES],
    useFactory: (options: ConnectorsModuleOptions, names: readonly string[]) => resolveConnectorsOptions(options, names),
  },
  { provide: CONNECTORS_REDIS, inject: [CONNECTORS_OPTIONS], useFactory: connectConnectorsRedis },
  { provide: ConnectorRegistry, inject: [CONNECTORS_OPTIONS, CONNECTORS_REDIS], useFactory: createConnectorRegistry },
  WebhookRegistrar,
];
