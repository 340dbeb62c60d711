import { Logger } from '@nestjs/common';
import { CircuitBreaker, type RedisClient, type RedisTokenBucket } from '@aiwire/core';
import type { AuthContext } from './auth/auth-strategy.interface.js';
import { createAuthStrategy } from './auth/create-auth-strategy.js';
import type { TokenCipher } from './auth/token-cipher.js';
import { circuitChannel } from './connectors.channels.js';
import { messages } from './connectors.messages.js';
import type { ResolvedConnectorOptions } from './connectors.options.js';
import type { Connector } from './connectors/connector.js';
import { ConnectorRateLimiter } from './http/connector-rate-limiter.js';
import { HttpClient, isProviderFailure } from './http/http-client.js';
import { Redactor } from './http/redactor.js';
import { Transport } from './http/transport.js';
import type { SecretResolver } from './secrets/secret-resolver.js';

/** What every connector of one module shares. */
export interface ConnectorFactoryContext {
  readonly redis: RedisClient;
  readonly buckets: RedisTokenBucket;
  readonly secrets: SecretResolver;
  readonly cipher: TokenCipher;
  readonly keyPrefix: string;
  readonly redisUp: () => boolean;
}

/** A connector and what must be closed with it; `redactor` scrubs every text the connector reports. */
export interface BuiltConnector {
  readonly connector: Connector;
  readonly transport: Transport;
  readonly redactor: Redactor;
}

// The circuit belongs to the connector's HttpClient.
const logger = new Logger(HttpClient.name);

/** Builds a connector from its resolved options: auth strategy, transport, limiter, breaker, and its kind's dialect and class. */
export function createConnector(resolved: ResolvedConnectorOptions, ctx: ConnectorFactoryContext): BuiltConnector {
  const { name, descriptor } = resolved;
  const redactor = new Redactor();
  let transport: Transport | undefined;
  const authContext: AuthContext = { connector: name, secrets: ctx.secrets, redactor, redis: ctx.redis, keyPrefix: ctx.keyPrefix, cipher: ctx.cipher, redisUp: ctx.redisUp, transport: () => transport as Transport };
  const auth = createAuthStrategy(authContext, resolved.auth);
  transport = new Transport(async () => auth.tls?.());

  const rate = resolved.rateLimit;
  const limiter = rate && new ConnectorRateLimiter(ctx.buckets, `${ctx.keyPrefix}:ratelimit:${rate.key}`, rate.capacity, rate.refillPerSecond, rate.maxWaitMs, name, ctx.redisUp);
  const breaker = resolved.circuitBreaker && new CircuitBreaker({
    ...resolved.circuitBreaker,
    name: `connector:${name}`,
    isFailure: isProviderFailure,
    onStateChange: (to, from) => {
      (to === 'open' ? logger.warn.bind(logger) : logger.log.bind(logger))(messages.circuitChanged(name, to, from));
      circuitChannel.publish({ connector: name, from, to });
    },
  });
  const { baseUrl, headers, timeoutMs, retry, idempotency } = resolved;
  const http = new HttpClient({ connector: name, dialect: descriptor.dialect, baseUrl, auth, transport, redactor, headers, timeoutMs, retry, limiter, breaker, idempotency });
  return { connector: descriptor.create(name, http, resolved.options, resolved.urlApiVersion), transport, redactor };
}
