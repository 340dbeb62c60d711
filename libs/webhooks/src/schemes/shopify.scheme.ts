import { randomUUID } from 'node:crypto';
import type { WebhookRequest } from '../interfaces/webhook-scheme.interface.js';
import type { SchemeOptions } from '../interfaces/webhook-source-options.interface.js';
import type { BuiltInScheme } from './built-in-scheme.js';
import { SchemeMessages } from './scheme.messages.js';
import { assertAnyMatch, decodeBase64Digest, fail, headerValue, hmacSha256, JSON_CONTENT_TYPE } from './signature.helpers.js';

// Shopify's newer "events" deliveries send the same headers without the `x-` prefix.
const SIGNATURE = ['x-shopify-hmac-sha256', 'shopify-hmac-sha256'] as const;
const WEBHOOK_ID = ['x-shopify-webhook-id', 'shopify-webhook-id'] as const;
const TOPIC = ['x-shopify-topic', 'shopify-topic'] as const;
const DEFAULTS = {
  type: 'orders/create',
  shopDomain: 'aiwire-test.myshopify.com',
  apiVersion: '2026-07',
} as const;

/**
 * Shopify: `X-Shopify-Hmac-Sha256: <base64>` HMAC-SHA256 of the raw body keyed by the app's API
 * secret. The id is `X-Shopify-Webhook-Id`; the type is `X-Shopify-Topic` (`orders/create`).
 * Shopify sends no signed timestamp; `X-Shopify-Triggered-At` carries the time, unsigned.
 */
export function shopifyScheme(_options: SchemeOptions = {}): BuiltInScheme {
  return {
    name: 'shopify',
    signatureHeaders: SIGNATURE,
    verify(request, secrets) {
      const header = shopifyHeader(request, SIGNATURE) ?? fail(SchemeMessages.missingSignature);
      const signature = decodeBase64Digest(header) ?? fail(SchemeMessages.invalidSignature);
      assertAnyMatch([signature], secrets, (secret) => hmacSha256(secret, undefined, request.rawBody));
    },
    sign(secret, { raw, timestamp, id, type }) {
      return {
        ...JSON_CONTENT_TYPE,
        'user-agent': 'Shopify-Captain-Hook',
        [TOPIC[0]]: type ?? DEFAULTS.type,
        [SIGNATURE[0]]: hmacSha256(secret, undefined, raw).toString('base64'),
        'x-shopify-shop-domain': DEFAULTS.shopDomain,
        'x-shopify-api-version': DEFAULTS.apiVersion,
        [WEBHOOK_ID[0]]: id ?? randomUUID(),
        'x-shopify-event-id': randomUUID(),
        'x-shopify-triggered-at': new Date(timestamp * 1000).toISOString(),
      };
    },
    eventId: (request) => shopifyHeader(request, WEBHOOK_ID),
    eventType: (request) => shopifyHeader(request, TOPIC),
  };
}

function shopifyHeader(request: WebhookRequest, [legacy, events]: readonly [string, string]): string | undefined {
  return headerValue(request.headers, legacy) ?? headerValue(request.headers, events);
}
