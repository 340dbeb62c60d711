import type { WebhookScheme } from './webhook-scheme.interface.js';

/** Built-in schemes, by name. */
export type WebhookSchemeName = 'stripe' | 'github' | 'shopify' | 'slack' | 'standard' | 'hmac-sha256';

/** Options of the built-in schemes (each scheme reads only its own). */
export interface SchemeOptions {
  /**
   * Accepted clock skew for timestamped schemes (stripe, slack, standard), in seconds, both
   * into the past and into the future.
   * @default 300
   */
  toleranceSeconds?: number;
  /**
   * `hmac-sha256` only: the header that carries the signature.
   * @default 'x-signature'
   */
  header?: string;
  /**
   * `hmac-sha256` only: how the digest is written in the header (a `sha256=` prefix is accepted either way).
   * @default 'hex'
   */
  encoding?: 'hex' | 'base64';
  /**
   * `hmac-sha256` only: dotted path of the event id in the JSON body; when absent there,
   * the id is the sha256 of the body.
   * @default 'id'
   */
  idPath?: string;
  /**
   * `hmac-sha256` only: a header that carries the event id; read before `idPath`.
   * @default undefined
   */
  idHeader?: string;
  /**
   * `hmac-sha256` only: dotted path of the event type in the JSON body.
   * @default 'event_type'
   */
  typePath?: string;
  /**
   * `hmac-sha256` only: a header that carries the event type; read before `typePath`.
   * @default undefined
   */
  typeHeader?: string;
}

/** Per-source rate limit, shared by every instance through Redis. */
export interface WebhookRateLimit {
  /** Deliveries allowed per window (also the largest burst). */
  limit: number;
  /**
   * Window length in seconds.
   * @default 1
   */
  windowSeconds?: number;
}

/** One sender of webhooks, mounted at `POST /{prefix}/{source}`. */
export interface WebhookSourceOptions extends SchemeOptions {
  /** How deliveries are verified and named: a built-in scheme or your own. */
  scheme: WebhookSchemeName | WebhookScheme;
  /** Secrets that may sign a delivery; any one of them is accepted (rotation). */
  secrets: readonly string[];
  /**
   * Callers allowed in, as CIDRs or single addresses (IPv4 and IPv6); others get 403.
   * The caller is `req.ip`, so set your platform's trust-proxy option behind a proxy.
   * @default undefined (anyone)
   */
  allowIps?: readonly string[];
  /**
   * Largest body accepted, in bytes; larger gets 413.
   * @default 1048576 (1 MiB)
   */
  maxBodyBytes?: number;
  /**
   * Deepest JSON accepted, in nested arrays/objects (a top-level `{}` is 1); deeper gets 422
   * `too_deeply_nested`, so a body nothing downstream could serialise is never stored. At most 1000.
   * @default 64
   */
  maxJsonDepth?: number;
  /**
   * Request headers stored with the event (and handed to handlers) besides the default allowlist —
   * `content-type`, `user-agent`, the providers' event/id/topic/delivery/timestamp headers and, for
   * `hmac-sha256`, `idHeader`/`typeHeader`. Any other header is dropped. Signature and credential
   * headers (`authorization`, `cookie`, `x-api-key`, ...) are refused at startup.
   * @default [] (the default allowlist only)
   */
  storeHeaders?: readonly string[];
  /**
   * Deliveries per window; over it gets 429 with `Retry-After`.
   * @default undefined (no limit)
   */
  rateLimit?: WebhookRateLimit;
  /**
   * How long an event id is remembered to drop the sender's retries, in seconds.
   * Keep it at least as long as the sender's retry window (Stripe retries for 3 days).
   * @default 259200 (72 h)
   */
  dedupTtlSeconds?: number;
}
