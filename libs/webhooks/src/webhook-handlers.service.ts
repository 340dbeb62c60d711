import { Inject, Injectable } from '@nestjs/common';
import { WebhookRegistry } from './webhook.registry.js';
import { RESOLVED_WEBHOOK_OPTIONS } from './webhook.constants.js';
import { WebhookConfigurationError } from './errors/webhook-configuration.error.js';
import { messages } from './webhook.messages.js';
import type { ResolvedWebhookOptions } from './webhook.options.js';
import type { OnWebhookOptions } from './interfaces/on-webhook-options.interface.js';
import type { WebhookEvent } from './interfaces/webhook-event.interface.js';

/** One subscription of a handler registered in code: what `@OnWebhook(type, options)` declares. */
export interface WebhookSubscription {
  /** A type pattern, as `@OnWebhook`'s: `*` matches any run of characters. */
  readonly type: string;
  /** @default {} (every source, the module's retries) */
  readonly options?: OnWebhookOptions;
}

/**
 * Registers webhook handlers in code, for libraries that decide their handlers at startup (as
 * `@aiwire/flows` does for webhook triggers). A handler registered here is run exactly like an
 * `@OnWebhook` method: in a worker, once per event, with its own retries and dead letters. Register
 * in `onModuleInit`, in every process that receives webhooks (the receiving process decides which
 * handlers an event runs) and in every worker (the worker runs it by id).
 * @publicApi
 */
@Injectable()
export class WebhookHandlers {
  constructor(
    private readonly registry: WebhookRegistry,
    @Inject(RESOLVED_WEBHOOK_OPTIONS) private readonly options: ResolvedWebhookOptions,
  ) {}

  /**
   * Adds the handler `id` (stable across processes and restarts: it names the handler in queued
   * jobs and dead letters). Throws `WebhookConfigurationError` when a subscription names a source
   * that is not configured, or when `id` is taken (by another call or an `@OnWebhook` method).
   */
  register(id: string, subscriptions: readonly WebhookSubscription[], invoke: (event: WebhookEvent) => Promise<unknown>): void {
    const resolved = subscriptions.map(({ type, options = {} }) => ({ type, options }));
    for (const { options } of resolved) {
      if (options.source !== undefined && !this.options.sources.has(options.source)) {
        throw new WebhookConfigurationError(messages.handlerSourceNotConfigured(id, options.source, [...this.options.sources.keys()]));
      }
    }
    if (!this.registry.add(id, resolved, invoke)) throw new WebhookConfigurationError(messages.handlerIdTaken(id));
  }
}
