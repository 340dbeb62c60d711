import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { RedisTokenBucket, type RedisClient } from '@aiwire/core';
import { TokenCipher } from './auth/token-cipher.js';
import { createConnector, type BuiltConnector, type ConnectorFactoryContext } from './connector.factory.js';
import { CONNECTOR_NAMES, CONNECTORS_REDIS, DEFAULT_CONNECTORS_OPTIONS as D } from './connectors.constants.js';
import { connectorsKeyPrefix } from './connectors-redis.providers.js';
import { MODULE_OPTIONS_TOKEN } from './connectors.module-definition.js';
import { messages } from './connectors.messages.js';
import type { Connector } from './connectors/connector.js';
import { ConnectorConfigurationError } from './errors/connector-configuration.error.js';
import type { ConnectorOptions } from './interfaces/connector-options.interface.js';
import type { ConnectorsModuleOptions } from './interfaces/connectors-module-options.interface.js';
import { EnvSecretsProvider } from './secrets/env-secrets.provider.js';
import { SecretResolver } from './secrets/secret-resolver.js';

/**
 * Every connector of the module by name. `@InjectConnector(name)` is the usual way in; the
 * registry serves lookups by a name known only at run time and connectors added at run time
 * (one per tenant, say).
 */
@Injectable()
export class ConnectorRegistry implements OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger(ConnectorRegistry.name);
  private readonly built = new Map<string, BuiltConnector>();
  private readonly context: ConnectorFactoryContext;
  /** Shared with the module's other providers (webhook registrar). */
  readonly secrets: SecretResolver;
  readonly cipher: TokenCipher;
  readonly keyPrefix: string;

  constructor(
    @Inject(MODULE_OPTIONS_TOKEN) private readonly options: ConnectorsModuleOptions,
    @Inject(CONNECTORS_REDIS) readonly redis: RedisClient,
    @Inject(CONNECTOR_NAMES) declaredNames: readonly string[],
  ) {
    const providers = options.secrets === undefined ? [new EnvSecretsProvider()] : Array.isArray(options.secrets) ? options.secrets : [options.secrets];
    this.secrets = new SecretResolver(providers, options.secretsCacheTtlMs ?? D.secretsCacheTtlMs);
    const encryptionKey = options.encryptionKey;
    this.cipher = new TokenCipher(async () => (encryptionKey === undefined ? undefined : this.secrets.resolve(encryptionKey)));
    this.keyPrefix = connectorsKeyPrefix(options);
    // 'connecting' still counts as up: commands queue until the first connection is made.
    const redisUp = (): boolean => !['reconnecting', 'close', 'end'].includes(redis.status);
    // RedisTokenBucket is typed for one Redis; it sends only EVALSHA on one key, which a Cluster routes by that key.
    this.context = { redis, buckets: new RedisTokenBucket(redis), secrets: this.secrets, cipher: this.cipher, keyPrefix: this.keyPrefix, redisUp, defaults: options.defaults ?? {} };
    const configured = Object.keys(options.connectors ?? {});
    const unconfigured = declaredNames.filter((n) => !configured.includes(n));
    if (unconfigured.length > 0) throw new ConnectorConfigurationError(messages.namesNotConfigured(unconfigured, configured));
    for (const [name, connector] of Object.entries(options.connectors ?? {})) this.add(name, connector);
  }

  /** The connector named `name`; throws `ConnectorConfigurationError` when there is none. */
  get<T extends Connector = Connector>(name: string): T {
    const built = this.built.get(name);
    if (!built) throw new ConnectorConfigurationError(messages.unknownConnector(name, [...this.built.keys()]));
    return built.connector as T;
  }

  has(name: string): boolean {
    return this.built.has(name);
  }

  names(): string[] {
    return [...this.built.keys()];
  }

  /** Adds a connector at run time; it shares the module's Redis, secrets and defaults. */
  add<T extends Connector = Connector>(name: string, options: ConnectorOptions): T {
    if (this.built.has(name)) throw new ConnectorConfigurationError(`Connector "${name}" already exists; remove it first or pick another name.`);
    const built = createConnector(name, options, this.context);
    this.built.set(name, built);
    return built.connector as T;
  }

  /** Removes a connector added at run time and closes its connections. */
  async remove(name: string): Promise<void> {
    const built = this.built.get(name);
    this.built.delete(name);
    await built?.transport.close();
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.built.values()].map((b) => b.transport.close()));
  }

  async onApplicationShutdown(): Promise<void> {
    // Redis goes last: token refreshes of calls finishing during shutdown still need it.
    // QUIT would wait in the offline queue for a Redis that is down.
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
    this.logger.debug('Redis connection closed');
  }
}
