// The public API of @aiwire/connectors: every export is tagged @publicApi where it is declared.
export { ConnectorsModule } from './connectors.module.js';
export { ConnectorRegistry } from './connector.registry.js';
export { InjectConnector, getConnectorToken } from './decorators/inject-connector.decorator.js';
export { WebhookRegistrar } from './webhooks/webhook-registrar.service.js';

export { Connector } from './connectors/connector.js';
export { RestConnector } from './connectors/rest.connector.js';
export { SlackConnector } from './connectors/slack.connector.js';
export { StripeConnector } from './connectors/stripe.connector.js';
export { ShopifyConnector } from './connectors/shopify.connector.js';
export { HubSpotConnector } from './connectors/hubspot.connector.js';
export { GitHubConnector } from './connectors/github.connector.js';
export { PagedList } from './pagination/paged-list.js';

export { env, isSecretRef, type Secret, type SecretRef } from './secrets/secret.js';
export type { SecretsProvider } from './secrets/secrets-provider.interface.js';
export { EnvSecretsProvider, type EnvSecretsProviderOptions } from './secrets/env-secrets.provider.js';
export { FileSecretsProvider, type FileSecretsProviderOptions } from './secrets/file-secrets.provider.js';

export { ConnectorHttpError, type ConnectorHttpErrorDetails } from './errors/connector-http.error.js';
export { AuthError, type AuthErrorDetails } from './errors/auth.error.js';
export { ConnectorConfigurationError } from './errors/connector-configuration.error.js';
export { ConnectorRequestError } from './errors/connector-request.error.js';
export { SecretNotFoundError } from './errors/secret-not-found.error.js';
export { WebhookRegistrationError } from './errors/webhook-registration.error.js';
// Thrown through connector calls; re-exported so callers catch everything from one package (@publicApi in @aiwire/core).
export { CircuitOpenError, RateLimitTimeoutError } from '@aiwire/core';

export {
  attemptChannel,
  callChannel,
  tokenChannel,
  circuitChannel,
  type HttpAttributes,
  type HttpAttemptMessage,
  type HttpCallMessage,
  type HttpTokenMessage,
  type HttpCircuitMessage,
} from './connectors.channels.js';
export { DEFAULT_CONNECTORS_OPTIONS } from './connectors.constants.js';

export type { ConnectorsModuleOptions, ConnectorsModuleExtras } from './interfaces/connectors-module-options.interface.js';
export type {
  ConnectorOptions,
  ConnectorKind,
  BaseConnectorOptions,
  RestConnectorOptions,
  SlackConnectorOptions,
  StripeConnectorOptions,
  ShopifyConnectorOptions,
  HubSpotConnectorOptions,
  GitHubConnectorOptions,
} from './interfaces/connector-options.interface.js';
export type {
  AuthOptions,
  ApiKeyAuthOptions,
  BearerAuthOptions,
  BasicAuthOptions,
  OAuth2AuthOptions,
  OAuth2Grant,
  JwtAuthOptions,
  MtlsAuthOptions,
} from './interfaces/auth-options.interface.js';
export type { RetryOptions, RateLimitOptions, CircuitBreakerOptions, IdempotencyOptions } from './interfaces/resilience-options.interface.js';
export type { ConnectorRequest, ConnectorResponse, HttpMethod, QueryValue, RequestRetryOptions } from './interfaces/request-options.interface.js';
export type { WebhookSubscription, WebhookRegistrationOptions, WebhookRegistration } from './interfaces/webhook-subscription.interface.js';
export type * from './interfaces/slack.interface.js';
export type * from './interfaces/stripe.interface.js';
export type * from './interfaces/shopify.interface.js';
export type * from './interfaces/hubspot.interface.js';
export type * from './interfaces/github.interface.js';
