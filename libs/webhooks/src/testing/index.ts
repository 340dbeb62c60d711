export { signWebhook, stringifyBody } from '../signing/sign-webhook.js';
export type { SignWebhookOptions, WebhookTestBody } from '../signing/sign-webhook.js';
