import { createHmac } from 'node:crypto';
import { signingMessages } from './signing.messages.js';

/**
 * The headers a Standard Webhooks sender sends (Svix sends the same values as `svix-*`).
 * @publicApi
 */
export const STANDARD_WEBHOOK_HEADERS = {
  id: 'webhook-id',
  timestamp: 'webhook-timestamp',
  signature: 'webhook-signature',
} as const;

/**
 * The only signature version this module writes and reads (symmetric HMAC-SHA256).
 * @publicApi
 */
export const STANDARD_WEBHOOK_VERSION = 'v1';

/**
 * What identifies one signed message: the same `id` on every retry, the time of this attempt.
 * @publicApi
 */
export interface StandardWebhookMessage {
  /** `webhook-id`: stays the same across retries so receivers can de-duplicate. */
  readonly id: string;
  /** `webhook-timestamp`: when this attempt was signed, in whole unix seconds. */
  readonly timestamp: number;
}

/**
 * The three headers that carry a Standard Webhooks signature.
 * @publicApi
 */
export type StandardWebhookHeaders = Record<(typeof STANDARD_WEBHOOK_HEADERS)[keyof typeof STANDARD_WEBHOOK_HEADERS], string>;

const SECRET_PREFIX = 'whsec_';

/**
 * The HMAC key of a secret: the base64 after an optional `whsec_` prefix, as the reference libraries read it.
 * @publicApi
 */
export function decodeStandardWebhookSecret(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
}

/**
 * The raw HMAC-SHA256 of `${id}.${timestamp}.${body}` under `key`: what a `v1,` entry carries in
 * base64. Signing and verifying both call it, so the signed content is written in one place.
 * `timestamp` is the header text as received when verifying; the body is fed as bytes, never copied.
 * @publicApi
 */
export function standardWebhookDigest(key: Buffer, id: string, timestamp: string | number, body: string | Buffer): Buffer {
  return createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
}

/**
 * The `webhook-*` headers that sign `body` with `secret` (`whsec_…`), as the standardwebhooks and
 * svix libraries write them: `webhook-signature: v1,<base64>`.
 * @throws RangeError when the id is empty or the timestamp is not whole unix seconds.
 * @publicApi
 */
export function signStandardWebhook(secret: string, body: string | Buffer, message: StandardWebhookMessage): StandardWebhookHeaders {
  const { id, timestamp } = message;
  if (typeof id !== 'string' || id.length === 0) throw new RangeError(signingMessages.emptyId('signStandardWebhook'));
  if (!Number.isSafeInteger(timestamp)) throw new RangeError(signingMessages.notWholeSeconds('signStandardWebhook', timestamp));
  const signature = standardWebhookDigest(decodeStandardWebhookSecret(secret), id, timestamp, body).toString('base64');
  return {
    [STANDARD_WEBHOOK_HEADERS.id]: id,
    [STANDARD_WEBHOOK_HEADERS.timestamp]: String(timestamp),
    [STANDARD_WEBHOOK_HEADERS.signature]: `${STANDARD_WEBHOOK_VERSION},${signature}`,
  } as StandardWebhookHeaders;
}
