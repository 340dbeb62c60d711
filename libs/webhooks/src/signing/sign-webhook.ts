import type { WebhookSchemeName } from '../interfaces/webhook-source-options.interface.js';
import { BUILT_IN_SCHEMES, isBuiltInScheme } from '../schemes/scheme-registry.js';
import { signingMessages } from '../schemes/scheme.messages.js';
import { WebhookSigningError } from './webhook-signing.error.js';

/**
 * A body to sign: sent bytes as they are, anything else as `JSON.stringify(body)`.
 * @publicApi
 */
export type WebhookTestBody = string | Buffer | object;

/**
 * How `signWebhook` builds a delivery; everything has a realistic default.
 * @publicApi
 */
export interface SignWebhookOptions {
  /**
   * When the sender signed it, in unix seconds (stripe, slack, standard; shopify's `x-shopify-triggered-at`).
   * @default now
   */
  timestamp?: number;
  /**
   * GitHub `x-github-delivery`, Shopify `x-shopify-webhook-id`, Standard Webhooks `webhook-id`.
   * @default a random id in the sender's format
   */
  id?: string;
  /**
   * GitHub `x-github-event` (`issues`; the body's `action` completes the type) or Shopify `x-shopify-topic`.
   * @default 'ping' for github, 'orders/create' for shopify
   */
  type?: string;
  /**
   * `hmac-sha256` only: the header that carries the signature (match the source's `header`).
   * @default 'x-signature'
   */
  header?: string;
  /**
   * `hmac-sha256` only: how the digest is written (match the source's `encoding`).
   * @default 'hex'
   */
  encoding?: 'hex' | 'base64';
}

/**
 * The exact bytes `signWebhook` signs for `body`. Send these, or for an object exactly
 * `JSON.stringify(body)` — which is what supertest's `.send(obj)` and `fetch` with that string send.
 * @publicApi
 */
export function stringifyBody(body: Buffer): Buffer;
export function stringifyBody(body: string | object): string;
export function stringifyBody(body: WebhookTestBody): string | Buffer;
export function stringifyBody(body: WebhookTestBody): string | Buffer {
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  const json: unknown = JSON.stringify(body);
  if (typeof json !== 'string') throw new WebhookSigningError(signingMessages.notJson());
  return json;
}

/**
 * The headers (lower-case names) that the real sender would send with `body`, signed with `secret`,
 * so tests can post a delivery exactly as the provider would:
 *
 * ```ts
 * const payload = { id: 'evt_1', type: 'payment_intent.succeeded', data: { object: {} } };
 * await request(app.getHttpServer()).post('/webhooks/stripe')
 *   .set(signWebhook('stripe', secret, payload)).send(payload);
 * ```
 *
 * Each scheme signs in its own file (`schemes/<name>.scheme.ts`), beside the code that verifies it.
 * @throws WebhookSigningError for an unknown scheme, a body that is not JSON, a timestamp that is not whole seconds.
 * @publicApi
 */
export function signWebhook(
  scheme: WebhookSchemeName,
  secret: string,
  body: WebhookTestBody,
  options: SignWebhookOptions = {},
): Record<string, string> {
  const raw = stringifyBody(body);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  if (!Number.isSafeInteger(timestamp)) throw new WebhookSigningError(signingMessages.notWholeSeconds(timestamp));
  if (!isBuiltInScheme(scheme)) {
    throw new WebhookSigningError(signingMessages.unknownScheme(String(scheme), Object.keys(BUILT_IN_SCHEMES) as WebhookSchemeName[]));
  }
  const { header, encoding, id, type } = options;
  return BUILT_IN_SCHEMES[scheme]({ header, encoding }).sign(secret, { raw, timestamp, id, type });
}
