import type { AuthOptions } from './auth-options.interface.js';
import type { CircuitBreakerOptions, IdempotencyOptions, RateLimitOptions, RetryOptions } from './resilience-options.interface.js';

/**
 * What every connector accepts.
 * @publicApi
 */
export interface BaseConnectorOptions {
  /**
   * Origin (and optional base path) the request paths are appended to; replaces the provider's
   * real origin, e.g. with a sandbox URL.
   * @default the provider's API origin (required for `rest`)
   */
  baseUrl?: string;
  /**
   * How calls authenticate; a list combines strategies (e.g. `mtls` plus `bearer`).
   * @default undefined (no credentials)
   */
  auth?: AuthOptions | readonly AuthOptions[];
  /**
   * Headers sent with every call (a request's own headers win).
   * @default {}
   */
  headers?: Readonly<Record<string, string>>;
  /**
   * Timeout of one attempt, from sending to the end of the body, in ms.
   * @default 30_000
   */
  timeoutMs?: number;
  /**
   * Retry policy; `false` sends every call once.
   * @default { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 60_000, methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'] }
   */
  retry?: RetryOptions | false;
  /**
   * Distributed rate limit; `false` turns it off.
   * @default the provider's published limit (see README), none for `rest` and `github`
   */
  rateLimit?: RateLimitOptions | false;
  /**
   * Circuit breaker; `false` turns it off.
   * @default { failureThreshold: 5, windowMs: 30_000, cooldownMs: 30_000 }
   */
  circuitBreaker?: CircuitBreakerOptions | false;
  /**
   * Idempotency header on retried calls; `false` turns it off.
   * @default { header: 'Idempotency-Key', methods: ['POST'] } for `stripe`, none otherwise
   */
  idempotency?: IdempotencyOptions | false;
}

/**
 * Any REST API, called with `request()`.
 * @publicApi
 */
export interface RestConnectorOptions extends BaseConnectorOptions {
  kind: 'rest';
  /** Origin and base path of the API, e.g. `https://erp.example.com/api`. */
  baseUrl: string;
}

/**
 * The Slack Web API.
 * @publicApi
 */
export interface SlackConnectorOptions extends BaseConnectorOptions {
  kind: 'slack';
}

/**
 * The Stripe API.
 * @publicApi
 */
export interface StripeConnectorOptions extends BaseConnectorOptions {
  kind: 'stripe';
  /**
   * `Stripe-Version` sent with every call.
   * @default undefined (the account's default version)
   */
  apiVersion?: string;
}

/**
 * The Shopify Admin REST API of one shop.
 * @publicApi
 */
export interface ShopifyConnectorOptions extends BaseConnectorOptions {
  kind: 'shopify';
  /** The shop's domain, e.g. `demo.myshopify.com`; the default `baseUrl` is `https://{shop}`. */
  shop: string;
  /**
   * Admin API version in the paths.
   * @default '2025-01'
   */
  apiVersion?: string;
}

/**
 * HubSpot CRM v3.
 * @publicApi
 */
export interface HubSpotConnectorOptions extends BaseConnectorOptions {
  kind: 'hubspot';
}

/**
 * The GitHub REST API (used by `WebhookRegistrar` for repository webhooks).
 * @publicApi
 */
export interface GitHubConnectorOptions extends BaseConnectorOptions {
  kind: 'github';
  /**
   * `X-GitHub-Api-Version` sent with every call.
   * @default '2022-11-28'
   */
  apiVersion?: string;
}

/**
 * One connector's options; `kind` selects the connector class.
 * @publicApi
 */
export type ConnectorOptions =
  | RestConnectorOptions
  | SlackConnectorOptions
  | StripeConnectorOptions
  | ShopifyConnectorOptions
  | HubSpotConnectorOptions
  | GitHubConnectorOptions;

/**
 * The connector kinds.
 * @publicApi
 */
export type ConnectorKind = ConnectorOptions['kind'];
