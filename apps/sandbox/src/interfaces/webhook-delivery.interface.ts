/** Webhook senders the sandbox can play. */
export type WebhookSource = 'stripe' | 'shopify' | 'github' | 'slack' | 'standard' | 'hmac-sha256';

/** The event to send; the sandbox wraps it in the provider's real envelope. */
export interface WebhookEventInput {
  /** `payment_intent.succeeded`, `orders/create`, `issues.opened` (GitHub event + `.` + action), `message`, ... */
  type: string;
  /** The provider's object: Stripe's `data.object`, Shopify's and GitHub's body, Slack's `event`, the others' `data`. */
  payload: object;
  /** The delivery/event id; generated in the provider's format when absent. */
  id?: string;
  /**
   * When the event happened, in unix seconds: Stripe's `created`, the helpdesk's `created_at`,
   * Slack's `event_time`, the Standard Webhooks `timestamp`, Shopify's `X-Shopify-Triggered-At`.
   * Retries of one event keep it while their signatures are made afresh. @default the signing time
   */
  createdAt?: number;
}

/** Knobs for a single send, mostly to test receivers' edge cases. */
export interface SendWebhookOptions {
  /** Signing time in unix seconds (old or future values test tolerance). @default now */
  timestamp?: number;
  /** Give up on the receiver after this long. @default 10000 */
  timeoutMs?: number;
  /** Shopify `X-Shopify-Shop-Domain`. @default the sandbox's shop domain */
  shopDomain?: string;
  /** GitHub `X-GitHub-Hook-ID`. @default the signer's placeholder id */
  hookId?: number;
  /** GitHub `content_type` of the hook: `form` sends `payload=<json>` urlencoded. @default 'json' */
  contentType?: 'json' | 'form';
}

export interface WebhookDeliveryResult {
  status: number;
  /** The receiver's answer, parsed when it is JSON. */
  body: unknown;
  headers: Record<string, string>;
}

/** A webhook as it goes on the wire: the exact body bytes and every header. */
export interface SignedWebhook {
  readonly id: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** One webhook the sandbox sent by itself (GitHub ping, helpdesk event, `sandbox.emit`). */
export interface OutboundDeliveryRecord {
  readonly id: string;
  readonly service: string;
  readonly target: string;
  readonly type: string;
  attempts: number;
  /** Last HTTP status received; `undefined` after network errors or when skipped. */
  status?: number;
  error?: string;
  /** Only loopback targets are called; others are recorded and skipped. */
  skipped?: boolean;
  done: boolean;
}
