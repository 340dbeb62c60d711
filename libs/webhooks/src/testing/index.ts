/** @publicApi Signed deliveries as each provider sends them, for tests: `.set(signWebhook('stripe', secret, body)).send(body)`. */
export { signWebhook, stringifyBody } from '../signing/sign-webhook.js';
/** @publicApi */
export type { SignWebhookOptions, WebhookTestBody } from '../signing/sign-webhook.js';
/** @publicApi Thrown by `signWebhook` for an unknown scheme, a body that is not JSON or a timestamp that is not whole seconds. */
export { WebhookSigningError } from '../signing/webhook-signing.error.js';
