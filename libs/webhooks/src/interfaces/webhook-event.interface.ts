/** One delivery, as stored and as handed to `@OnWebhook` handlers. */
export interface WebhookEvent<TPayload = unknown> {
  /** The sender's event id; use it as your idempotency key. */
  readonly id: string;
  /** Source name from the module options (`stripe`, `shopify`, ...). */
  readonly source: string;
  /** Event type, e.g. `payment_intent.succeeded`, `orders/create`, `issues.opened`. */
  readonly type: string;
  /** The parsed JSON body. */
  readonly payload: TPayload;
  /** Allowlisted request headers, lower case (the defaults and the source's `storeHeaders`); never a signature or credential. */
  readonly headers: Readonly<Record<string, string>>;
  /** When the intake accepted the delivery (ISO 8601). */
  readonly receivedAt: string;
  /** This execution's attempt number, starting at 1. */
  readonly attempt: number;
}

/** The stored part of an event (what a queue job carries). */
export type StoredWebhookEvent = Omit<WebhookEvent, 'attempt'>;
