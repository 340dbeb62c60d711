/**
 * HTTP methods a connector sends.
 * @publicApi
 */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/**
 * A query parameter value; arrays repeat the name, `undefined` and `null` are left out.
 * @publicApi
 */
export type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];

/**
 * One call through a connector; `path` may hold `{name}` placeholders filled from `params`.
 * @publicApi
 */
export interface ConnectorRequest<T = unknown> {
  /** HTTP method. */
  method: HttpMethod;
  /** Path after `baseUrl`, e.g. `/orders/{id}`; the template is what diagnostics report as `url.template`. */
  path: string;
  /**
   * Values for the `{name}` placeholders of `path`, URL-encoded here.
   * @default {}
   */
  params?: Readonly<Record<string, string | number>>;
  /**
   * Query parameters.
   * @default {}
   */
  query?: Readonly<Record<string, QueryValue>> | URLSearchParams;
  /**
   * JSON body (sent as `application/json`); a string or Uint8Array is sent as is.
   * @default undefined
   */
  body?: unknown;
  /**
   * Form body (`application/x-www-form-urlencoded`); nested objects and arrays use Stripe's `a[b]`/`a[]` keys.
   * @default undefined
   */
  form?: Readonly<Record<string, unknown>>;
  /**
   * Headers of this call (win over the connector's).
   * @default {}
   */
  headers?: Readonly<Record<string, string>>;
  /**
   * Timeout of each attempt of this call, in ms.
   * @default the connector's `timeoutMs`
   */
  timeoutMs?: number;
  /**
   * Cancels the call, including waits between retries.
   * @default undefined
   */
  signal?: AbortSignal;
  /**
   * Idempotency key for this call (same on every retry).
   * @default a random UUID when the connector has `idempotency` for this method
   */
  idempotencyKey?: string;
  /**
   * Retries of this call; `false` sends it once.
   * @default the connector's retry policy
   */
  retry?: false | RequestRetryOptions;
  /**
   * Turns the parsed body into `T` or throws (e.g. a zod schema's `parse`); a throw fails the call with code `invalid_response`.
   * @default undefined (the body is trusted to be `T`)
   */
  validate?: (body: unknown) => T;
  /**
   * Name of the operation in diagnostics events, e.g. `stripe.getCustomer`.
   * @default undefined
   */
  operation?: string;
}

/**
 * Retries of one call, over the connector's policy.
 * @publicApi
 */
export interface RequestRetryOptions {
  /**
   * Retries after the first attempt.
   * @default the connector's `retry.maxRetries`
   */
  maxRetries?: number;
  /**
   * `true`: this call is safe to send twice, so it is resent after a 5xx, a timeout or a lost connection whatever its method; `false`: never after those.
   * @default true for the connector's `retry.methods` or with an idempotency key, else false (a 429 or a refused connection is retried either way)
   */
  idempotent?: boolean;
}

/**
 * A successful answer: status, headers (lower-case names), the parsed body and the attempts it took.
 * @publicApi
 */
export interface ConnectorResponse<T> {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly data: T;
  readonly attempts: number;
  /** The provider's request id, when it sends one. */
  readonly requestId?: string;
}
