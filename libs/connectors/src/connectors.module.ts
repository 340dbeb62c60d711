import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { ConnectorRegistry } from './connector.registry.js';
import { CONNECTOR_NAMES, CONNECTORS_REDIS } from './connectors.constants.js';
import { connectConnectorsRedis } from './connectors-redis.providers.js';
import { ASYNC_OPTIONS_TYPE, ConfigurableModuleClass, MODULE_OPTIONS_TOKEN, OPTIONS_TYPE } from './connectors.module-definition.js';
import { getConnectorToken } from './decorators/inject-connector.decorator.js';
import { WebhookRegistrar } from './webhooks/webhook-registrar.service.js';

/**
 * Typed connectors to Slack, Stripe, Shopify, HubSpot, GitHub and any REST API, with auth,
 * retries, shared rate limits, circuit breakers and webhook registration.
 */
@Module({
  providers: [
    { provide: CONNECTORS_REDIS, inject: [MODULE_OPTIONS_TOKEN], useFactory: connectConnectorsRedis },
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
