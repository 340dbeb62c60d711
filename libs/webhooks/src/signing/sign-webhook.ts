import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { WebhookSchemeName } from '../interfaces/webhook-source-options.interface.js';

/** A body to sign: sent bytes as they are, anything else as `JSON.stringify(body)`. */
export type WebhookTestBody = string | Buffer | object;

/** How `signWebhook` builds a delivery; everything has a realistic default. */
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
 */
export function stringifyBody(body: Buffer): Buffer;
export function stringifyBody(body: string | object): string;
export function stringifyBody(body: WebhookTestBody): string | Buffer;
export function stringifyBody(body: WebhookTestBody): string | Buffer {
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  const json: unknown = JSON.stringify(body);
  if (typeof json !== 'string') throw new TypeError('signWebhook: the body cannot be written as JSON.');
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
 */
export function signWebhook(
  scheme: WebhookSchemeName,
  secret: string,
  body: WebhookTestBody,
  options: SignWebhookOptions = {},
): Record<string, string> {
  const raw = stringifyBody(body);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  if (!Number.isSafeInteger(timestamp)) throw new TypeError('signWebhook: timestamp must be whole unix seconds.');
  const json = { 'content-type': 'application/json' };
  switch (scheme) {
    case 'stripe':
      return {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        'cache-control': 'no-cache',
        accept: '*/*; q=0.5, application/xml',
        'stripe-signature': `t=${timestamp},v1=${hmac(secret, `${timestamp}.`, raw, 'hex')}`,
      };
    case 'github':
      return {
        ...json,
        'user-agent': 'GitHub-Hookshot/8f4c2a1',
        'x-github-event': options.type ?? 'ping',
        'x-github-delivery': options.id ?? randomUUID(),
        'x-github-hook-id': '123456789',
        'x-github-hook-installation-target-id': '987654321',
        'x-github-hook-installation-target-type': 'repository',
        'x-hub-signature': `sha1=${createHmac('sha1', secret).update(raw).digest('hex')}`,
        'x-hub-signature-256': `sha256=${hmac(secret, '', raw, 'hex')}`,
      };
    case 'shopify':
      return {
        ...json,
        'user-agent': 'Shopify-Captain-Hook',
        'x-shopify-topic': options.type ?? 'orders/create',
        'x-shopify-hmac-sha256': hmac(secret, '', raw, 'base64'),
        'x-shopify-shop-domain': 'aiwire-test.myshopify.com',
        'x-shopify-api-version': '2026-07',
        'x-shopify-webhook-id': options.id ?? randomUUID(),
        'x-shopify-event-id': randomUUID(),
        'x-shopify-triggered-at': new Date(timestamp * 1000).toISOString(),
      };
    case 'slack':
      return {
        ...json,
        'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': `v0=${hmac(secret, `v0:${timestamp}:`, raw, 'hex')}`,
      };
    case 'standard': {
      const id = options.id ?? `msg_${randomBytes(16).toString('hex')}`;
      const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
      return {
        ...json,
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': `v1,${hmac(key, `${id}.${timestamp}.`, raw, 'base64')}`,
      };
    }
    case 'hmac-sha256':
      return {
        ...json,
        [(options.header ?? 'x-signature').toLowerCase()]: hmac(secret, '', raw, options.encoding ?? 'hex'),
      };
    default:
      throw new TypeError(`signWebhook: unknown scheme "${String(scheme)}".`);
  }
}

function hmac(key: string | Buffer, prefix: string, raw: string | Buffer, encoding: 'hex' | 'base64'): string {
  return createHmac('sha256', key).update(prefix).update(raw).digest(encoding);
}
