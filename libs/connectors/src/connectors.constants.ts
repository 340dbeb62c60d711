import { GITHUB_API_VERSION } from './kinds/github.kind.js';
import { SHOPIFY_API_VERSION } from './kinds/shopify.kind.js';

/** Injection token of the module's ioredis client. */
export const CONNECTORS_REDIS = Symbol('aiwire:connectors:redis');

/** Injection token of the module's options with every default applied (`ResolvedConnectorsOptions`). */
export const CONNECTORS_OPTIONS = Symbol('aiwire:connectors:options');

/** Injection token of the connector names that get an `@InjectConnector` provider. */
export const CONNECTOR_NAMES = Symbol('aiwire:connectors:names');

/**
 * The module's defaults, in one place (README "Options" lists the same values); applied once, by
 * `resolveConnectorsOptions`. What one kind starts from (origin, rate limit, headers) is in its
 * `kinds/<kind>.kind.ts`.
 * @publicApi
 */
export const DEFAULT_CONNECTORS_OPTIONS = {
  keyPrefix: 'aiwire:connectors',
  secretsCacheTtlMs: 300_000,
  timeoutMs: 30_000,
  // The methods HTTP defines as idempotent (RFC 9110 §9.2.2): sending one twice does what sending it once does.
  retry: { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 60_000, methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'] },
  rateLimitMaxWaitMs: 30_000,
  circuitBreaker: { failureThreshold: 5, windowMs: 30_000, cooldownMs: 30_000 },
  idempotencyMethods: ['POST'],
  shopifyApiVersion: SHOPIFY_API_VERSION,
  githubApiVersion: GITHUB_API_VERSION,
  userAgent: 'aiwire-connectors/0.1.0',
  webhooks: { registerOnStartup: true, failOnStartupError: false },
  secrets: { env: { prefix: '', fileSuffix: true }, file: { directory: '/run/secrets', lowerCase: true } },
  auth: {
    apiKey: { prefix: '' },
    basic: { password: '' },
    oauth2: { extraParams: {}, clientAuthentication: 'body', refreshBeforeExpiryMs: 300_000, refreshCooldownMs: 30_000, defaultExpiresInSeconds: 3600, timeoutMs: 10_000 },
    jwt: { claims: {}, expiresInSeconds: 3600, refreshBeforeExpiryMs: 60_000 },
  },
} as const;

/** Connector names end up in Redis keys and injection tokens. */
export const CONNECTOR_NAME = /^[A-Za-z0-9_.-]+$/;
