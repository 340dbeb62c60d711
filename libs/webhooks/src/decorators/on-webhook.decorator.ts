import { extendArrayMetadata } from '@nestjs/common/utils/extend-metadata.util.js';
import { WEBHOOK_HANDLER_METADATA } from '../webhook.constants.js';
import type { OnWebhookOptions, WebhookHandlerMetadata } from '../interfaces/on-webhook-options.interface.js';

export interface OnWebhookDecorator {
  (type: string, options?: OnWebhookOptions): MethodDecorator;
  /** The metadata key, for tooling that reads handlers itself. */
  readonly KEY: string;
}

/**
 * Run this method for every webhook whose type matches `type`. `*` matches any run of
 * characters (`orders/*`, `invoice.*`, `*`). Decorators stack. The method receives a
 * `WebhookEvent` and runs in a worker, once per event, with its own retries.
 */
export const OnWebhook: OnWebhookDecorator = Object.assign(
  (type: string, options: OnWebhookOptions = {}): MethodDecorator =>
    (_target, _key, descriptor) => {
      const entry: WebhookHandlerMetadata = { type, options };
      extendArrayMetadata(WEBHOOK_HANDLER_METADATA, [entry], descriptor.value as unknown as (...args: unknown[]) => unknown);
      return descriptor;
    },
  { KEY: WEBHOOK_HANDLER_METADATA },
);
