/** An answer as the dialects see it: status, lower-case headers and the parsed body. */
export interface ParsedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** The provider's error in an answer. */
export interface ProviderError {
  /** Slack `error`, Stripe `error.code` (else `error.type`), HubSpot `category`, OAuth `error`, ... */
  readonly code?: string;
  /** The provider's human-readable message. */
  readonly message?: string;
}

/** The provider's remaining budget as its headers report it. */
export interface RateLimitState {
  /** Requests left now. */
  readonly remaining: number;
  /** When the provider's budget is full again, epoch ms (a moment from now when unknown). */
  readonly resetAtMs: number;
}

/**
 * How one provider reports errors, asks for waits and counts its budget. Each connector kind has
 * one; `genericDialect` reads the common conventions and is what `rest` connectors use.
 */
export interface ProviderDialect {
  /** `slack`, `stripe`, `shopify`, `hubspot`, `github` or `rest`. */
  readonly service: string;
  /** The error in an answer, or `undefined` when it succeeded (Slack's `ok: false` with HTTP 200 is an error). */
  error(res: ParsedResponse): ProviderError | undefined;
  /**
   * `true` when the provider says a resend is worth it and safe for any method (the request was not processed, or it
   * de-duplicates), `false` when it says never; `undefined` for the generic rule (408, 429, 5xx).
   */
  shouldRetry(res: ParsedResponse, error: ProviderError): boolean | undefined;
  /** How long the provider asked us to wait, in ms, or `undefined` when it did not say. */
  retryAfterMs(res: ParsedResponse, nowMs: number): number | undefined;
  /** Whether the credentials were refused, so fresh ones (a token refresh) may succeed. */
  isUnauthorized(res: ParsedResponse, error: ProviderError): boolean;
  /** The remaining budget the answer reports, to keep the shared bucket in step. */
  rateLimitState(res: ParsedResponse, nowMs: number): RateLimitState | undefined;
  /** The provider's id of this request, for support. */
  requestId(res: ParsedResponse): string | undefined;
}
