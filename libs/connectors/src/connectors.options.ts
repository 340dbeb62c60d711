import { resolveKeyPrefix, type RedisConnectionConfig } from '@aiwire/core';
import { resolveAuthOptions, type ResolvedAuthOptions } from './auth/auth-options.resolver.js';
import { validateConnectorOptions } from './connector-options.validator.js';
import { DEFAULT_CONNECTORS_OPTIONS as D } from './connectors.constants.js';
import { messages } from './connectors.messages.js';
import { ConnectorConfigurationError } from './errors/connector-configuration.error.js';
import type { ResolvedRetryOptions } from './http/retry-policy.js';
import type { ConnectorOptions } from './interfaces/connector-options.interface.js';
import type { ConnectorsModuleOptions } from './interfaces/connectors-module-options.interface.js';
import type { CircuitBreakerOptions, IdempotencyOptions, RateLimitOptions } from './interfaces/resilience-options.interface.js';
import type { WebhookRegistrationOptions } from './interfaces/webhook-subscription.interface.js';
import type { ConnectorKindDescriptor } from './kinds/connector-kind.interface.js';
import { kindOf } from './kinds/kinds.js';
import { EnvSecretsProvider } from './secrets/env-secrets.provider.js';
import type { Secret } from './secrets/secret.js';
import type { SecretsProvider } from './secrets/secrets-provider.interface.js';

/** What every connector starts from (`ConnectorsModuleOptions.defaults`). */
export type ConnectorDefaults = NonNullable<ConnectorsModuleOptions['defaults']>;

/** One connector's options, checked, with the module's and its kind's defaults applied. */
export interface ResolvedConnectorOptions {
  readonly name: string;
  readonly descriptor: ConnectorKindDescriptor;
  /** As given: the kind builds its class from them. */
  readonly options: ConnectorOptions;
  readonly baseUrl: URL;
  /** The API version the `baseUrl` carried (Shopify `…/admin/api/2025-01`). */
  readonly urlApiVersion: string | undefined;
  readonly auth: readonly ResolvedAuthOptions[];
  /** Lower-case names: ours, the kind's, the module's, the connector's (the later wins). */
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly retry: ResolvedRetryOptions;
  readonly rateLimit: Required<RateLimitOptions> | undefined;
  readonly circuitBreaker: Required<CircuitBreakerOptions> | undefined;
  /** `header` in lower case. */
  readonly idempotency: Required<IdempotencyOptions> | undefined;
}

/** Webhook registration with its defaults. */
export type ResolvedWebhookOptions = Required<Omit<WebhookRegistrationOptions, 'publicUrl'>> & Pick<Partial<WebhookRegistrationOptions>, 'publicUrl'>;

/** `ConnectorsModuleOptions` with every default applied, once; what the module's providers are built from. */
export interface ResolvedConnectorsOptions {
  readonly redis: RedisConnectionConfig;
  /** Hash-tagged by default on a Redis Cluster. */
  readonly keyPrefix: string;
  readonly secrets: readonly SecretsProvider[];
  readonly secretsCacheTtlMs: number;
  readonly encryptionKey: Secret | undefined;
  /** Kept for connectors added at run time (`ConnectorRegistry.add`). */
  readonly defaults: ConnectorDefaults;
  readonly connectors: Readonly<Record<string, ResolvedConnectorOptions>>;
  readonly webhooks: ResolvedWebhookOptions;
}

/**
 * Checks the module options and applies every default, before anything connects: a mistake fails
 * the startup with `ConnectorConfigurationError` (or `RedisConfigurationError` for a cluster prefix
 * without a hash tag) while nothing is open yet. `declaredNames`: forRootAsync's `connectorNames`.
 */
export function resolveConnectorsOptions(options: ConnectorsModuleOptions, declaredNames: readonly string[] = []): ResolvedConnectorsOptions {
  const keyPrefix = resolveKeyPrefix(options.redis, options.keyPrefix, D.keyPrefix, 'keyPrefix');
  const given = options.connectors ?? {};
  const configured = Object.keys(given);
  const unconfigured = declaredNames.filter((n) => !configured.includes(n));
  if (unconfigured.length > 0) throw new ConnectorConfigurationError(messages.namesNotConfigured(unconfigured, configured));
  const defaults = options.defaults ?? {};
  const secrets = options.secrets === undefined ? [new EnvSecretsProvider()] : Array.isArray(options.secrets) ? (options.secrets as readonly SecretsProvider[]) : [options.secrets as SecretsProvider];
  return {
    redis: options.redis,
    keyPrefix,
    secrets,
    secretsCacheTtlMs: options.secretsCacheTtlMs ?? D.secretsCacheTtlMs,
    encryptionKey: options.encryptionKey,
    defaults,
    connectors: Object.fromEntries(configured.map((name) => [name, resolveConnectorOptions(name, given[name] as ConnectorOptions, defaults)])),
    webhooks: {
      ...(options.webhooks?.publicUrl !== undefined && { publicUrl: options.webhooks.publicUrl }),
      subscriptions: options.webhooks?.subscriptions ?? [],
      registerOnStartup: options.webhooks?.registerOnStartup ?? D.webhooks.registerOnStartup,
      failOnStartupError: options.webhooks?.failOnStartupError ?? D.webhooks.failOnStartupError,
    },
  };
}

/** One connector's options, checked, with `defaults` (the module's) and its kind's defaults applied. */
export function resolveConnectorOptions(name: string, options: ConnectorOptions, defaults: ConnectorDefaults): ResolvedConnectorOptions {
  const { url: baseUrl, apiVersion } = validateConnectorOptions(name, options);
  const descriptor = kindOf(options.kind) as ConnectorKindDescriptor;
  const auth = resolveAuthOptions(name, options.auth);

  const retryOptions = options.retry ?? defaults.retry;
  const retry: ResolvedRetryOptions = retryOptions === false
    ? { ...D.retry, maxRetries: 0, methods: new Set<string>() }
    : { ...D.retry, ...retryOptions, methods: new Set<string>(retryOptions?.methods ?? D.retry.methods) };
  const rate: RateLimitOptions | undefined = options.rateLimit === false ? undefined : (options.rateLimit ?? descriptor.rateLimit);
  const breaker = options.circuitBreaker ?? defaults.circuitBreaker;
  const idempotency = options.idempotency === false ? undefined : (options.idempotency ?? descriptor.idempotency);

  const headers: Record<string, string> = { 'user-agent': D.userAgent, accept: 'application/json' };
  for (const source of [descriptor.headers(options), defaults.headers, options.headers]) {
    for (const [key, value] of Object.entries(source ?? {})) headers[key.toLowerCase()] = value;
  }
  return {
    name,
    descriptor,
    options,
    baseUrl,
    urlApiVersion: apiVersion,
    auth,
    headers,
    timeoutMs: options.timeoutMs ?? defaults.timeoutMs ?? D.timeoutMs,
    retry,
    rateLimit: rate && { key: rate.key ?? name, capacity: rate.capacity, refillPerSecond: rate.refillPerSecond, maxWaitMs: rate.maxWaitMs ?? D.rateLimitMaxWaitMs },
    circuitBreaker: breaker === false ? undefined : { ...D.circuitBreaker, ...breaker },
    idempotency: idempotency && { header: idempotency.header.toLowerCase(), methods: idempotency.methods ?? D.idempotencyMethods },
  };
}
