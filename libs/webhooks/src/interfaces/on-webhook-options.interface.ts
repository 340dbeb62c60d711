import type { WebhookRetryOptions } from './webhook-module-options.interface.js';

/** Options of one `@OnWebhook` subscription. */
export interface OnWebhookOptions extends WebhookRetryOptions {
  /**
   * Only events from this source (a key of `sources`).
   * @default undefined (every source)
   */
  source?: string;
  /**
   * A class-validator class the payload must satisfy; an invalid payload fails at once,
   * without retries, and becomes a dead letter with the validation messages.
   * @default undefined (no validation)
   */
  dto?: new (...args: never[]) => object;
}

/** What `@OnWebhook` stores on a method (one entry per decorator, they stack). */
export interface WebhookHandlerMetadata {
  readonly type: string;
  readonly options: OnWebhookOptions;
}
