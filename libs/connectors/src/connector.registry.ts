import { Logger, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { closeRedis, RedisTokenBucket, type RedisClient } from '@aiwire/core';
import { TokenCipher } from './auth/token-cipher.js';
import { createConnector, type BuiltConnector, type ConnectorFactoryContext } from './connector.factory.js';
import { messages } from './connectors.messages.js';
import { resolveConnectorOptions, type ResolvedConnectorsOptions } from './connectors.options.js';
import type { Connector } from './connectors/connector.js';
import { ConnectorConfigurationError } from './errors/connector-configuration.error.js';
import type { Redactor } from './http/redactor.js';
import type { ConnectorOptions } from './interfaces/connector-options.interface.js';
import { SecretResolver } from './secrets/secret-resolver.js';

/**
 * Every connector of the module by name. `@InjectConnector(name)` is the usual way in; the
 * registry serves lookups by a name known only at run time and connectors added at run time
 * (one per tenant, say). Built by `connectors.providers.ts`.
 * @publicApi
 */
export class ConnectorRegistry implements OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger(ConnectorRegistry.name);
  private readonly built = new Map<string, BuiltConnector>();
  private readonly context: ConnectorFactoryContext;
  /** @internal Shared with the module's other providers (webhook registrar). */
  readonly secrets: SecretResolver;
  /** @internal */
  readonly cipher: TokenCipher;
  /** @internal */
  readonly keyPrefix: string;

  /** @internal Options already checked by `resolveConnectorsOptions`; nothing here can refuse them. */
  constructor(
    private readonly options: ResolvedConnectorsOptions,
    /** @internal */
    readonly redis: RedisClient,
  ) {
    this.secrets = new SecretResolver(options.secrets, options.secretsCacheTtlMs);
    const encryptionKey = options.encryptionKey;
    this.cipher = new TokenCipher(async () => (encryptionKey === undefined ? undefined : this.secrets.resolve(encryptionKey)));
    this.keyPrefix = options.keyPrefix;
    // 'connecting' still counts as up: commands queue until the first connection is made.
    const redisUp = (): boolean => !['reconnecting', 'close', 'end'].includes(redis.status);
    this.context = { redis, buckets: new RedisTokenBucket(redis), secrets: this.secrets, cipher: this.cipher, keyPrefix: this.keyPrefix, redisUp };
    for (const resolved of Object.values(options.connectors)) this.built.set(resolved.name, createConnector(resolved, this.context));
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
    if (this.built.has(name)) throw new ConnectorConfigurationError(messages.connectorExists(name));
    const built = createConnector(resolveConnectorOptions(name, options, this.options.defaults), this.context);
    this.built.set(name, built);
    return built.connector as T;
  }

  /** Removes a connector added at run time and closes its connections. */
  async remove(name: string): Promise<void> {
    const built = this.built.get(name);
    this.built.delete(name);
    await built?.transport.close();
  }

  /** @internal The redactor of connector `name`: a secret it learns (a webhook's) is scrubbed from all it reports. */
  redactorOf(name: string): Redactor | undefined {
    return this.built.get(name)?.redactor;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.built.values()].map((b) => b.transport.close()));
  }

  async onApplicationShutdown(): Promise<void> {
    // Redis goes last: token refreshes of calls finishing during shutdown still need it.
    await closeRedis(this.redis);
    this.logger.debug(messages.redisClosed());
  }

  /** @internal Closes everything at once, for a startup that fails after the module was built (Nest runs no shutdown hooks then). */
  async close(): Promise<void> {
    await this.onModuleDestroy();
    await this.onApplicationShutdown();
  }
}
