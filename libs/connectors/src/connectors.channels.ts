import { createChannel } from '@aiwire/core';

/**
 * OpenTelemetry HTTP client attribute names (semantic conventions v1.26+), plus aiwire's own.
 * @publicApi
 */
export interface HttpAttributes {
  readonly 'http.request.method': string;
  /** `/v1/customers/{id}`: low cardinality, safe as a metric label. */
  readonly 'url.template': string;
  /** The URL with credential query values replaced by `REDACTED`. */
  readonly 'url.full': string;
  readonly 'url.scheme': string;
  readonly 'server.address': string;
  readonly 'server.port': number;
  /** Absent when no answer came. */
  readonly 'http.response.status_code'?: number;
  /** Set on retries only: 1 on the second request of a call, 2 on the third, ... */
  readonly 'http.request.resend_count'?: number;
  /** The status code (`'503'`), the provider's code for Slack's `ok: false`, or `timeout` / a network code. */
  readonly 'error.type'?: string;
  readonly 'aiwire.connector.name': string;
  /** `slack`, `stripe`, `shopify`, `hubspot`, `github` or `rest`. */
  readonly 'aiwire.connector.service': string;
  /** e.g. `stripe.getCustomer`, when the call names its operation. */
  readonly 'aiwire.operation'?: string;
}

/**
 * One request sent (an attempt of a call), published when it ends.
 * @publicApi
 */
export interface HttpAttemptMessage {
  readonly attributes: HttpAttributes;
  /** 1 for the first request of a call. */
  readonly attempt: number;
  readonly durationMs: number;
  /** Time spent waiting for the shared rate limiter before this request, ms. */
  readonly rateLimitWaitMs: number;
  /** The provider's error code, when it answered with one. */
  readonly providerCode?: string;
  readonly requestId?: string;
  /** When another attempt follows: why (`429`, `5xx`, `timeout`, `network`, `unauthorized`) and after how long. */
  readonly retry?: { readonly reason: string; readonly delayMs: number };
}

/**
 * One call, published when it succeeds or finally fails.
 * @publicApi
 */
export interface HttpCallMessage {
  readonly attributes: HttpAttributes;
  readonly attempts: number;
  readonly durationMs: number;
  readonly outcome: 'success' | 'error';
  /** The error class name and code when it failed (`ConnectorHttpError`/`resource_missing`, `CircuitOpenError`, ...). */
  readonly error?: { readonly name: string; readonly code?: string };
}

/**
 * A token obtained or refused by the oauth2 strategy (never the token).
 * @publicApi
 */
export interface HttpTokenMessage {
  readonly connector: string;
  readonly grant: string;
  /** `refreshed`: a new token; `failed`: the endpoint refused or was unreachable; `cooldown`: refused without asking. */
  readonly outcome: 'refreshed' | 'failed' | 'cooldown';
  readonly durationMs: number;
  readonly status?: number;
  readonly code?: string;
  /** True when the endpoint returned a new refresh token that was saved. */
  readonly rotated?: boolean;
}

/**
 * A connector's circuit breaker changed state.
 * @publicApi
 */
export interface HttpCircuitMessage {
  readonly connector: string;
  readonly from: 'closed' | 'open' | 'half-open';
  readonly to: 'closed' | 'open' | 'half-open';
}

/**
 * `aiwire:http:attempt`: one message per request sent (retries included).
 * @publicApi
 */
export const attemptChannel = createChannel<HttpAttemptMessage>('aiwire:http:attempt');
/**
 * `aiwire:http:call`: one message per connector call, when it ends.
 * @publicApi
 */
export const callChannel = createChannel<HttpCallMessage>('aiwire:http:call');
/**
 * `aiwire:http:token`: OAuth2 token refreshes, failures and cooldowns.
 * @publicApi
 */
export const tokenChannel = createChannel<HttpTokenMessage>('aiwire:http:token');
/**
 * `aiwire:http:circuit`: circuit breaker state changes.
 * @publicApi
 */
export const circuitChannel = createChannel<HttpCircuitMessage>('aiwire:http:circuit');
