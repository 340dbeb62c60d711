import type { RedisConnectionConfig } from '@aiwire/core';
import type { Secret } from '../secrets/secret.js';
import type { SecretsProvider } from '../secrets/secrets-provider.interface.js';
import type { BaseConnectorOptions, ConnectorOptions } from './connector-options.interface.js';
import type { WebhookRegistrationOptions } from './webhook-subscription.interface.js';

/**
 * Options of `ConnectorsModule.forRoot` (and what `forRootAsync`'s factory returns).
 * @publicApi
 */
export interface ConnectorsModuleOptions {
  /**
   * Redis for OAuth tokens, locks, rate-limit buckets and webhook secrets: one Redis (`{ url }`,
   * ioredis options, or a client to duplicate) or a Redis Cluster (`{ cluster: { nodes: ['redis://host:port', …] } }`
   * or an ioredis `Cluster` to duplicate).
   * @default none (required)
   */
  redis: RedisConnectionConfig;
  /** Connectors by name; inject one with `@InjectConnector(name)`. */
  connectors: Readonly<Record<string, ConnectorOptions>>;
  /**
   * Where `env('NAME')` secrets are read; with a list, the first provider that holds a name wins.
   * @default new EnvSecretsProvider()
   */
  secrets?: SecretsProvider | readonly SecretsProvider[];
  /**
   * How long a resolved secret is reused before it is read again, in ms.
   * @default 300_000
   */
  secretsCacheTtlMs?: number;
  /**
   * Prefix of every Redis key the module writes. On a Redis Cluster it must carry a hash tag
   * (e.g. `'{aiwire}:connectors'`), or startup fails with `RedisConfigurationError`.
   * @default 'aiwire:connectors' ('{aiwire}:connectors' on a Redis Cluster)
   */
  keyPrefix?: string;
  /**
   * Key that encrypts OAuth tokens and webhook secrets stored in Redis (AES-256-GCM), or `env('NAME')`.
   * @default undefined (stored as plain JSON)
   */
  encryptionKey?: Secret;
  /**
   * Options every connector starts from (its own options win).
   * @default {}
   */
  defaults?: Pick<BaseConnectorOptions, 'timeoutMs' | 'retry' | 'circuitBreaker' | 'headers'>;
  /**
   * Webhook subscriptions to keep in place with Shopify, Stripe and GitHub.
   * @default undefined
   */
  webhooks?: WebhookRegistrationOptions;
}

/**
 * Options known when the module is declared.
 * @publicApi
 */
export interface ConnectorsModuleExtras {
  /**
   * Register the module globally, so connectors can be injected anywhere.
   * @default false
   */
  isGlobal?: boolean;
  /**
   * `forRootAsync` only: the connector names the factory will configure, so `@InjectConnector(name)`
   * can be resolved before the factory runs (forRoot takes them from `connectors`).
   * @default []
   */
  connectorNames?: readonly string[];
}
