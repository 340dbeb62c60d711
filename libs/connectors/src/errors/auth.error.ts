/**
 * Why credentials could not be obtained; `code` is the token endpoint's error when it sent one.
 * @publicApi
 */
export interface AuthErrorDetails {
  /** The connector's name. */
  connector: string;
  /** The auth strategy: `oauth2`, `jwt`, `mtls`, ... */
  strategy: string;
  /** `invalid_grant`, `invalid_client`, `refresh_cooldown`, `token_endpoint_unreachable`, ... */
  code: string;
  /** HTTP status of the token endpoint's answer, when there was one. */
  status?: number;
  /** Milliseconds until a new attempt will be made (the rest of a refresh cooldown). */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * The connector could not obtain credentials: the OAuth token endpoint refused the refresh or
 * client credentials, a failed refresh is cooling down, or a key could not be used. Nothing was
 * sent to the API. The message says what to check; it never contains a credential.
 * @publicApi
 */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  readonly connector: string;
  readonly strategy: string;
  readonly code: string;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(details: AuthErrorDetails, message: string) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.connector = details.connector;
    this.strategy = details.strategy;
    this.code = details.code;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
  }
}
