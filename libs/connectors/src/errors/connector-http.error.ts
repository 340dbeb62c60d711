/**
 * What a failed connector call knew when it gave up; see {@link ConnectorHttpError}.
 * @publicApi
 */
export interface ConnectorHttpErrorDetails {
  /** The connector's name in the module options. */
  connector: string;
  /** `slack`, `stripe`, `shopify`, `hubspot`, `github` or `rest`. */
  service: string;
  /** HTTP method of the call. */
  method: string;
  /** The low-cardinality path template, e.g. `/v1/customers/{id}`. */
  endpoint: string;
  /** HTTP status of the last answer; undefined when none came (timeout, network error). */
  status?: number;
  /** The provider's error code (Slack `error`, Stripe `error.code`, HubSpot `category`), or a network code (`ETIMEDOUT`, `ECONNREFUSED`). */
  code?: string;
  /** The provider's own error message, as it sent it. */
  providerMessage?: string;
  /** The provider's request id for support tickets (Stripe `Request-Id`, HubSpot correlation id, ...). */
  requestId?: string;
  /** Requests sent for this call, the first included. */
  attempts: number;
  /** How long the provider asked to wait before trying again, in ms, when it said. */
  retryAfterMs?: number;
  /** The parsed error body the provider answered with. */
  body?: unknown;
  /** The underlying error (network, timeout, validation). */
  cause?: unknown;
}

/**
 * A connector call failed: the provider answered with an error (including Slack's `ok: false`
 * with HTTP 200), or no answer came in time after every allowed attempt. Carries the status, the
 * provider's code and message, and the attempts made — never a credential.
 * @publicApi
 */
export class ConnectorHttpError extends Error {
  override readonly name = 'ConnectorHttpError';
  readonly connector: string;
  readonly service: string;
  readonly method: string;
  readonly endpoint: string;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly providerMessage: string | undefined;
  readonly requestId: string | undefined;
  readonly attempts: number;
  readonly retryAfterMs: number | undefined;
  readonly body: unknown;

  constructor(details: ConnectorHttpErrorDetails, message: string) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.connector = details.connector;
    this.service = details.service;
    this.method = details.method;
    this.endpoint = details.endpoint;
    this.status = details.status;
    this.code = details.code;
    this.providerMessage = details.providerMessage;
    this.requestId = details.requestId;
    this.attempts = details.attempts;
    this.retryAfterMs = details.retryAfterMs;
    this.body = details.body;
  }

  /** True when no answer came at all (timeout or network error). */
  get isNetworkError(): boolean {
    return this.status === undefined;
  }
}
