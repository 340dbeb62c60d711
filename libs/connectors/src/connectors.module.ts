import { Logger, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { createRedisClient } from '@aiwire/core';
import type { Redis } from 'ioredis';
import { ConnectorRegistry } from './connector.registry.js';
import { CONNECTOR_NAMES, CONNECTORS_REDIS } from './connectors.constants.js';
import { ASYNC_OPTIONS_TYPE, ConfigurableModuleClass, MODULE_OPTIONS_TOKEN, OPTIONS_TYPE } from './connectors.module-definition.js';
import { getConnectorToken } from './decorators/inject-connector.decorator.js';
import type { ConnectorsModuleOptions } from './interfaces/connectors-module-options.interface.js';
import { WebhookRegistrar } from './webhooks/webhook-registrar.service.js';

/**
 * Typed connectors to Slack, Stripe, Shopify, HubSpot, GitHub and any REST API, with auth,
 * retries, shared rate limits, circuit breakers and webhook registration.
 */
@Module({
  providers: [
    { provide: CONNECTORS_REDIS, inject: [MODULE_OPTIONS_TOKEN], useFactory: connectRedis },
    ConnectorRegistry,
    WebhookRegistrar,
  ],
  exports: [ConnectorRegistry, WebhookRegistrar],
})
export class ConnectorsModule extends ConfigurableModuleClass {
  static override forRoot(options: typeof OPTIONS_TYPE): DynamicModule {
    return withConnectors(super.forRoot(options), Object.keys(options.connectors ?? {}), false);
  }

  /** The factory's connector names must be listed in `connectorNames` so they can be injected. */
  static override forRootAsync(options: typeof ASYNC_OPTIONS_TYPE): DynamicModule {
    return withConnectors(super.forRootAsync(options), options.connectorNames ?? [], true);
  }
}

function withConnectors(definition: DynamicModule, names: readonly string[], declared: boolean): DynamicModule {
  const connectors: Provider[] = names.map((name) => ({
    provide: getConnectorToken(name),
    inject: [ConnectorRegistry],
    useFactory: (registry: ConnectorRegistry) => registry.get(name),
  }));
  return {
    ...definition,
    providers: [...(definition.providers ?? []), { provide: CONNECTOR_NAMES, useValue: declared ? names : [] }, ...connectors],
    exports: [...(definition.exports ?? []), ...connectors.map((p) => (p as { provide: string }).provide)],
  };
}

/** One log line when Redis goes away and one when it is back, instead of one per reconnect. */
function connectRedis(options: ConnectorsModuleOptions): Redis {
  const logger = new Logger('ConnectorsModule');
  // A command fails after two reconnect attempts instead of twenty, so a Redis outage shows up as
  // an error (and the rate limiter lets calls through) within seconds; a given client keeps its own setting.
  const given = typeof (options.redis as Redis).duplicate === 'function';
  const redis = createRedisClient(options.redis, given ? {} : { maxRetriesPerRequest: (options.redis as { maxRetriesPerRequest?: number | null }).maxRetriesPerRequest ?? 2 });
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.error(`Redis unreachable (${error.message}); OAuth refreshes fail and rate limits are not shared until it is back`);
  });
  redis.on('ready', () => {
    if (down) logger.log('Redis connection restored');
    down = false;
  });
  return redis;
}
