import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { ConnectorRegistry } from './connector.registry.js';
import { CONNECTOR_NAMES } from './connectors.constants.js';
import { ASYNC_OPTIONS_TYPE, ConfigurableModuleClass, OPTIONS_TYPE } from './connectors.module-definition.js';
import { CONNECTORS_PROVIDERS } from './connectors.providers.js';
import { getConnectorToken } from './decorators/inject-connector.decorator.js';
import { WebhookRegistrar } from './webhooks/webhook-registrar.service.js';

/**
 * Typed connectors to Slack, Stripe, Shopify, HubSpot, GitHub and any REST API, with auth,
 * retries, shared rate limits, circuit breakers and webhook registration.
 * @publicApi
 */
@Module({ providers: CONNECTORS_PROVIDERS, exports: [ConnectorRegistry, WebhookRegistrar] })
export class ConnectorsModule extends ConfigurableModuleClass {
  static override forRoot(options: typeof OPTIONS_TYPE): DynamicModule {
    return withConnectors(super.forRoot(options), Object.keys(options.connectors ?? {}), false);
  }

  /** The factory's connector names must be listed in `connectorNames` so they can be injected. */
  static override forRootAsync(options: typeof ASYNC_OPTIONS_TYPE): DynamicModule {
    return withConnectors(super.forRootAsync(options), options.connectorNames ?? [], true);
  }
}

/** One `@InjectConnector(name)` provider per name; `declared` names must be configured by the factory. */
function withConnectors(definition: DynamicModule, names: readonly string[], declared: boolean): DynamicModule {
  const connectors: Provider[] = names.map((name) => ({ provide: getConnectorToken(name), inject: [ConnectorRegistry], useFactory: (registry: ConnectorRegistry) => registry.get(name) }));
  return {
    ...definition,
    providers: [...(definition.providers ?? []), { provide: CONNECTOR_NAMES, useValue: declared ? names : [] }, ...connectors],
    exports: [...(definition.exports ?? []), ...connectors.map((p) => (p as { provide: string }).provide)],
  };
}
