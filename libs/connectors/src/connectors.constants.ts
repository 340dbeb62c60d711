import type { ConnectorKind } from './interfaces/connector-options.interface.js';
import type { IdempotencyOptions, RateLimitOptions } from './interfaces/resilience-options.interface.js';

/** Injection token of the module's ioredis client. */
export const CONNECTORS_REDIS = Symbol('aiwire:connectors:redis');

/** Injection token of the connector names that get an `@InjectConnector` provider. */
export const CONNECTOR_NAMES = Symbol('aiwire:connectors:names');

/** The module's defaults, in one place (README "Options" lists the same values). */
export const DEFAULT_CONNECTORS_OPTIONS = {
  keyPrefix: 'aiwire:connectors',
  secretsCacheTtlMs: 300_000,
  timeoutMs: 30_000,
  // The methods HTTP defines as idempotent (RFC 9110 §9.2.2): sending one twice does what sending it once does.
  retry: { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 60_000, methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'] },
  rateLimitMaxWaitMs: 30_000,
  circuitBreaker: { failureThreshold: 5, windowMs: 30_000, cooldownMs: 30_000 },
  shopifyApiVersion: '2025-01',
  githubApiVersion: '2022-11-28',
  userAgent: 'aiwire-connectors/0.1.0',
} as const;

/** What each kind starts from: the provider's origin, its published rate limit, idempotency support. */
export interface ProviderDefaults {
  readonly baseUrl?: string;
  readonly rateLimit?: Pick<RateLimitOptions, 'capacity' | 'refillPerSecond'>;
  readonly idempotency?: IdempotencyOptions;
  readonly headers?: Readonly<Record<string, string>>;
}

export const PROVIDER_DEFAULTS: Readonly<Record<ConnectorKind, ProviderDefaults>> = {
  rest: {},
  // Web API tier 3 (~50+/min); chat.postMessage allows about one per second per channel with bursts.
  slack: { baseUrl: 'https://slack.com', rateLimit: { capacity: 60, refillPerSecond: 1 } },
  // Live mode: 100 read/write operations per second.
  stripe: { baseUrl: 'https://api.stripe.com', rateLimit: { capacity: 100, refillPerSecond: 100 }, idempotency: { header: 'Idempotency-Key', methods: ['POST'] } },
  // Standard plans: a 40-request bucket leaking 2 per second (the base URL comes from `shop`).
  shopify: { rateLimit: { capacity: 40, refillPerSecond: 2 } },
  // Private and OAuth apps: 100 requests per 10 seconds.
  hubspot: { baseUrl: 'https://api.hubapi.com', rateLimit: { capacity: 100, refillPerSecond: 10 } },
  github: { baseUrl: 'https://api.github.com', headers: { accept: 'application/vnd.github+json' } },
};

/** Connector names end up in Redis keys and injection tokens. */
export const CONNECTOR_NAME = /^[A-Za-z0-9_.-]+$/;
