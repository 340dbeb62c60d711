/** @publicApi The module: `WebhookModule.forRoot({ redis, sources })` or `forRootAsync(...)`. */
export { WebhookModule } from './webhook.module.js';
/** @publicApi Marks a method as the handler of matching webhooks; stacks, and exposes `OnWebhook.KEY`. */
export { OnWebhook, type OnWebhookDecorator } from './decorators/on-webhook.decorator.js';
/** @publicApi Dead letters and replay: the module's only runtime API. */
export { WebhookAdminService, type DeadLetter } from './webhook-admin.service.js';
/** @publicApi `WEBHOOK_QUEUE` / `@InjectQueue(WEBHOOK_QUEUE_NAME)` inject the handler queue; `WEBHOOK_HANDLER_METADATA` is `OnWebhook.KEY`. */
export { WEBHOOK_QUEUE, WEBHOOK_QUEUE_NAME, WEBHOOK_HANDLER_METADATA } from './webhook.constants.js';
/** @publicApi A delivery failed its signature check (fixed, log-safe message). */
export { WebhookVerificationError } from './errors/webhook-verification.error.js';
/** @publicApi The module options or a handler declaration are wrong; thrown at startup. */
export { WebhookConfigurationError } from './errors/webhook-configuration.error.js';
/** @publicApi A payload failed its handler's `dto`: the execution goes straight to the dead letters. */
export { WebhookPayloadValidationError } from './errors/webhook-payload-validation.error.js';
/** @publicApi Redis could not store a delivery; the intake answered 503. */
export { WebhookStoreUnavailableError } from './errors/webhook-store-unavailable.error.js';
/** @publicApi A job names a handler this worker does not have; the execution fails and is kept as a dead letter. */
export { WebhookHandlerNotFoundError } from './errors/webhook-handler-not-found.error.js';
/** @publicApi `diagnostics_channel`s of every intake answer and every handler execution (what `@aiwire/monitoring` subscribes to). */
export { intakeChannel, executionChannel, type WebhookIntakeMessage, type WebhookExecutionMessage } from './webhook.channels.js';
/** @publicApi What a handler receives, and the part of it that is stored. */
export type { WebhookEvent, StoredWebhookEvent } from './interfaces/webhook-event.interface.js';
/** @publicApi A custom verification scheme (`sources.x.scheme`) and what it is handed. */
export type { WebhookScheme, WebhookRequest, ImmediateReply } from './interfaces/webhook-scheme.interface.js';
/** @publicApi Options of one source. */
export type { WebhookSourceOptions, WebhookSchemeName, SchemeOptions, WebhookRateLimit } from './interfaces/webhook-source-options.interface.js';
/** @publicApi Options of the module. */
export type { WebhookModuleOptions, WebhookModuleExtras, WebhookRetryOptions, WebhookQueueOptions } from './interfaces/webhook-module-options.interface.js';
/** @publicApi Options of `@OnWebhook`. */
export type { OnWebhookOptions } from './interfaces/on-webhook-options.interface.js';
/** @publicApi Signed deliveries as each provider sends them, for tests (also in `@aiwire/webhooks/testing`). */
export { signWebhook, stringifyBody, type SignWebhookOptions, type WebhookTestBody } from './signing/sign-webhook.js';
/** @publicApi Thrown by `signWebhook` for an unknown scheme, a body that is not JSON or a timestamp that is not whole seconds. */
export { WebhookSigningError } from './signing/webhook-signing.error.js';
/** @publicApi Webhook handlers registered in code rather than with `@OnWebhook` (what `@aiwire/flows` uses for webhook triggers). */
export { WebhookHandlers, type WebhookSubscription } from './webhook-handlers.service.js';
