import { Logger } from '@nestjs/common';
import { CircuitBreaker, type RedisClient, type RedisTokenBucket } from '@aiwire/core';
import type { AuthContext } from './auth/auth-strategy.interface.js';
import { createAuthStrategy } from './auth/create-auth-strategy.js';
import type { TokenCipher } from './auth/token-cipher.js';
import { validateConnectorOptions } from './connector-options.validator.js';
import { circuitChannel } from './connectors.channels.js';
import { DEFAULT_CONNECTORS_OPTIONS as D, PROVIDER_DEFAULTS } from './connectors.constants.js';
import { messages } from './connectors.messages.js';
import type { Connector } from './connectors/connector.js';
import { GitHubConnector } from './connectors/github.connector.js';
import { HubSpotConnector } from './connectors/hubspot.connector.js';
import { RestConnector } from './connectors/rest.connector.js';
import { ShopifyConnector } from './connectors/shopify.connector.js';
import { SlackConnector } from './connectors/slack.connector.js';
import { StripeConnector } from './connectors/stripe.connector.js';
import { DIALECTS } from './dialects/dialects.js';
import { ConnectorRateLimiter } from './http/connector-rate-limiter.js';
import { HttpClient, isProviderFailure } from './http/http-client.js';
import { Redactor } from './http/redactor.js';
import { Transport } from './http/transport.js';
import type { ConnectorOptions } from './interfaces/connector-options.interface.js';
import type { ConnectorsModuleOptions } from './interfaces/connectors-module-options.interface.js';
import type { RateLimitOptions } from './interfaces/resilience-options.interface.js';
import type { SecretResolver } from './secrets/secret-resolver.js';

/** What every connector of one module shares. */
export interface ConnectorFactoryContext {
  readonly redis: RedisClient;
  readonly buckets: RedisTokenBucket;
  readonly secrets: SecretResolver;
  readonly cipher: TokenCipher;
  readonly keyPrefix: string;
  readonly redisUp: () => boolean;
  readonly defaults: NonNullable<ConnectorsModuleOptions['defaults']>;
}

/** A connector and what must be closed with it. */
export interface BuiltConnector {
  readonly connector: Connector;
  readonly transport: Transport;
}

const logger = new Logger('ConnectorsModule');

/** Builds connector `name` from its options: auth strategy, transport, limiter, breaker, dialect and class. */
export function createConnector(name: string, options: ConnectorOptions, ctx: ConnectorFactoryContext): BuiltConnector {
  const { url: baseUrl, apiVersion } = validateConnectorOptions(name, options);
  const provider = PROVIDER_DEFAULTS[options.kind];
  const redactor = new Redactor();
  let transport: Transport | undefined;
  const authContext: AuthContext = { connector: name, secrets: ctx.secrets, redactor, redis: ctx.redis, keyPrefix: ctx.keyPrefix, cipher: ctx.cipher, redisUp: ctx.redisUp, transport: () => transport as Transport };
  const auth = createAuthStrategy(authContext, options.auth);
  transport = new Transport(async () => auth.tls?.());

  const retryOptions = options.retry ?? ctx.defaults.retry;
  const retry = retryOptions === false
    ? { ...D.retry, maxRetries: 0, methods: new Set<string>() }
    : { ...D.retry, ...retryOptions, methods: new Set<string>(retryOptions?.methods ?? D.retry.methods) };
  const rate: RateLimitOptions | undefined = options.rateLimit === false ? undefined : (options.rateLimit ?? provider.rateLimit);
  const limiter = rate && new ConnectorRateLimiter(ctx.buckets, `${ctx.keyPrefix}:ratelimit:${rate.key ?? name}`, rate.capacity, rate.refillPerSecond, rate.maxWaitMs ?? D.rateLimitMaxWaitMs, name, ctx.redisUp);
  const breakerOptions = options.circuitBreaker ?? ctx.defaults.circuitBreaker;
  const breaker = breakerOptions === false ? undefined : new CircuitBreaker({
    ...D.circuitBreaker,
    ...breakerOptions,
    name: `connector:${name}`,
    isFailure: isProviderFailure,
    onStateChange: (to, from) => {
      (to === 'open' ? logger.warn.bind(logger) : logger.log.bind(logger))(messages.circuitChanged(name, to, from));
      circuitChannel.publish({ connector: name, from, to });
    },
  });
  const idempotency = options.idempotency === false ? undefined : (options.idempotency ?? provider.idempotency);

  const headers: Record<string, string> = { 'user-agent': D.userAgent, accept: 'application/json' };
  for (const source of [provider.headers, kindHeaders(options), ctx.defaults.headers, options.headers]) {
    for (const [key, value] of Object.entries(source ?? {})) headers[key.toLowerCase()] = value;
  }
  const http = new HttpClient({
    connector: name, dialect: DIALECTS[options.kind], baseUrl, auth, transport, redactor, headers,
    timeoutMs: options.timeoutMs ?? ctx.defaults.timeoutMs ?? D.timeoutMs, retry, limiter, breaker, idempotency,
  });
  return { connector: instantiate(name, options, http, apiVersion), transport };
}

function kindHeaders(options: ConnectorOptions): Record<string, string> {
  if (options.kind === 'stripe' && options.apiVersion) return { 'stripe-version': options.apiVersion };
  if (options.kind === 'github') return { 'x-github-api-version': options.apiVersion ?? D.githubApiVersion };
  return {};
}

/** `urlVersion`: the Shopify Admin API version the baseUrl carried (the validator refused a conflicting `apiVersion`). */
function instantiate(name: string, options: ConnectorOptions, http: HttpClient, urlVersion: string | undefined): Connector {
  switch (options.kind) {
    case 'rest':
      return new RestConnector(name, http);
    case 'slack':
      return new SlackConnector(name, http);
    case 'stripe':
      return new StripeConnector(name, http);
    case 'shopify':
      return new ShopifyConnector(name, http, options.apiVersion ?? urlVersion ?? D.shopifyApiVersion);
    case 'hubspot':
      return new HubSpotConnector(name, http);
    case 'github':
      return new GitHubConnector(name, http);
  }
}
