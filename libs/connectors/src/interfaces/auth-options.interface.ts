import type { Secret } from '../secrets/secret.js';

/**
 * An API key sent in a header (`X-Shopify-Access-Token: …`) or a query parameter (`?api_key=…`).
 * @publicApi
 */
export interface ApiKeyAuthOptions {
  type: 'apiKey';
  /** The key, or `env('NAME')`. */
  key: Secret;
  /**
   * Header that carries the key; give `header` or `query`, not both.
   * @default undefined
   */
  header?: string;
  /**
   * Query parameter that carries the key (its value is redacted in events and errors).
   * @default undefined
   */
  query?: string;
  /**
   * Text before the key in the header, e.g. `'Token '`.
   * @default ''
   */
  prefix?: string;
}

/**
 * `Authorization: Bearer <token>`.
 * @publicApi
 */
export interface BearerAuthOptions {
  type: 'bearer';
  /** The token, or `env('NAME')`. */
  token: Secret;
}

/**
 * `Authorization: Basic base64(username:password)` (RFC 7617).
 * @publicApi
 */
export interface BasicAuthOptions {
  type: 'basic';
  /** The user name, or `env('NAME')` (Stripe takes the secret key here). */
  username: Secret;
  /**
   * The password, or `env('NAME')`.
   * @default ''
   */
  password?: Secret;
}

/**
 * The OAuth 2.0 grants the `oauth2` strategy can run.
 * @publicApi
 */
export type OAuth2Grant = 'refresh_token' | 'client_credentials';

/**
 * OAuth 2.0 access tokens from a token endpoint (RFC 6749 §4.4 client credentials, §6 refresh),
 * cached in Redis, refreshed ahead of expiry by one process at a time under a Redis lock.
 * @publicApi
 */
export interface OAuth2AuthOptions {
  type: 'oauth2';
  /** The token endpoint, e.g. `https://api.hubapi.com/oauth/v1/token`, or `env('NAME')` (then checked at first use). */
  tokenUrl: Secret;
  /** The client id, or `env('NAME')`. */
  clientId: Secret;
  /** The client secret, or `env('NAME')`. */
  clientSecret: Secret;
  /**
   * The refresh token from the user's authorization, or `env('NAME')`; required for `refresh_token`.
   * A rotated refresh token returned by the endpoint is saved in Redis and used from then on.
   * @default undefined
   */
  refreshToken?: Secret;
  /**
   * The grant to run.
   * @default 'refresh_token' when `refreshToken` is set, else 'client_credentials'
   */
  grant?: OAuth2Grant;
  /**
   * Scopes to ask for (space-separated string or list).
   * @default undefined (the client's default scopes)
   */
  scope?: string | readonly string[];
  /**
   * Extra form fields for the token request, e.g. `{ audience: 'https://api.example.com' }`.
   * @default {}
   */
  extraParams?: Readonly<Record<string, string>>;
  /**
   * How the client authenticates: form fields (`client_id`, `client_secret`, as HubSpot expects) or HTTP Basic (RFC 6749 §2.3.1).
   * @default 'body'
   */
  clientAuthentication?: 'body' | 'basic';
  /**
   * Refresh this long before the token expires (at most half its lifetime), so calls never carry a token about to expire.
   * @default 300_000
   */
  refreshBeforeExpiryMs?: number;
  /**
   * After a failed refresh, no new refresh is tried for this long; calls fail fast with `AuthError`.
   * @default 30_000
   */
  refreshCooldownMs?: number;
  /**
   * Lifetime assumed when the token endpoint sends no `expires_in`, in seconds.
   * @default 3600
   */
  defaultExpiresInSeconds?: number;
  /**
   * Timeout of one token request, in ms.
   * @default 10_000
   */
  timeoutMs?: number;
}

/**
 * A JWT signed here (HS256 or RS256) and sent as `Authorization: Bearer <jwt>`, for service-account style APIs.
 * @publicApi
 */
export interface JwtAuthOptions {
  type: 'jwt';
  /** `HS256` (shared secret) or `RS256` (RSA private key). */
  algorithm: 'HS256' | 'RS256';
  /**
   * HS256: the shared secret, or `env('NAME')`.
   * @default undefined
   */
  secret?: Secret;
  /**
   * RS256: the PEM private key (PKCS#1 or PKCS#8), or `env('NAME')`.
   * @default undefined
   */
  privateKey?: Secret;
  /**
   * Claims of every token (`iss`, `sub`, `aud`, `scope`, ...); `iat`, `exp` and `jti` are set here.
   * @default {}
   */
  claims?: Readonly<Record<string, unknown>>;
  /**
   * Token lifetime (`exp - iat`), in seconds.
   * @default 3600
   */
  expiresInSeconds?: number;
  /**
   * `kid` header, naming the key for the server.
   * @default undefined
   */
  keyId?: string;
  /**
   * Sign a new token this long before the cached one expires.
   * @default 60_000
   */
  refreshBeforeExpiryMs?: number;
}

/**
 * Mutual TLS: a client certificate presented on every connection, through an undici dispatcher.
 * @publicApi
 */
export interface MtlsAuthOptions {
  type: 'mtls';
  /** PEM client certificate (chain), or `env('NAME')`. */
  cert: Secret;
  /** PEM private key of the certificate, or `env('NAME')`. */
  key: Secret;
  /**
   * PEM CA certificate(s) to trust for the server, or `env('NAME')`.
   * @default undefined (the system's trusted CAs)
   */
  ca?: Secret;
  /**
   * Passphrase of an encrypted `key`, or `env('NAME')`.
   * @default undefined
   */
  passphrase?: Secret;
  /**
   * Server name for SNI and certificate checks, when it differs from the URL's host.
   * @default the URL's host
   */
  servername?: string;
}

/**
 * One auth strategy's options; `type` selects it.
 * @publicApi
 */
export type AuthOptions = ApiKeyAuthOptions | BearerAuthOptions | BasicAuthOptions | OAuth2AuthOptions | JwtAuthOptions | MtlsAuthOptions;
