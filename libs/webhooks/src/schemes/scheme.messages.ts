import type { WebhookSchemeName } from '../interfaces/webhook-source-options.interface.js';

/**
 * Why a delivery failed verification. Short fixed strings in the style of standard-webhooks:
 * safe to send back to the caller and to log, because they never carry a secret, a signature
 * or any part of the body.
 */
export const SchemeMessages = {
  missingSignature: 'Missing signature header',
  missingHeaders: 'Missing required headers',
  invalidSignature: 'Invalid signature header',
  noMatch: 'No matching signature',
  tooOld: 'Message timestamp too old',
  tooNew: 'Message timestamp too new',
} as const;

/** Scheme options refused at startup (`WebhookConfigurationError`): each names the option and what to write. */
export const schemeOptionMessages = {
  badTolerance: (scheme: string, got: unknown) =>
    `Scheme "${scheme}": toleranceSeconds must be a number of seconds >= 0 (got ${String(got)}).`,
  badEncoding: (scheme: string, got: unknown) => `Scheme "${scheme}": encoding must be 'hex' or 'base64' (got ${String(got)}).`,
  badHeaderName: (scheme: string, option: string) => `Scheme "${scheme}": ${option} must be a header name.`,
  badPath: (scheme: string, option: string, path: string) =>
    `Scheme "${scheme}": ${option} "${path}" is not a dotted path such as "data.id".`,
  badCustomScheme: (source: string, problem: string) =>
    `Webhook source "${source}": its custom scheme must implement WebhookScheme, with ${problem}.`,
} as const;

/** `signWebhook` refused its arguments (`WebhookSigningError`): the test's mistake, with what to pass instead. */
export const signingMessages = {
  notJson: () => 'signWebhook: the body cannot be written as JSON. Pass a string or a Buffer of the exact bytes to send.',
  notWholeSeconds: (got: number) =>
    `signWebhook: timestamp must be whole unix seconds, e.g. Math.floor(Date.now() / 1000) (got ${String(got)}).`,
  unknownScheme: (scheme: string, known: readonly WebhookSchemeName[]) =>
    `signWebhook: unknown scheme "${scheme}". Use one of ${known.join(', ')}.`,
} as const;
