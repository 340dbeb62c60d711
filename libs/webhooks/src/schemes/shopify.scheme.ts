import type { WebhookRequest, WebhookScheme } from '../interfaces/webhook-scheme.interface.js';
import type { SchemeOptions } from '../interfaces/webhook-source-options.interface.js';
import { SchemeMessages } from './scheme.messages.js';
import { assertAnyMatch, decodeBase64Digest, fail, headerValue, hmacSha256 } from './signature.helpers.js';

// Shopify's newer "events" deliveries send the same headers without the `x-` prefix.
const SIGNATURE = ['x-shopify-hmac-sha256', 'shopify-hmac-sha256'] as const;
const WEBHOOK_ID = ['x-shopify-webhook-id', 'shopify-webhook-id'] as const;
const TOPIC = ['x-shopify-topic', 'shopify-topic'] as const;

/**
 * Shopify: `X-Shopify-Hmac-Sha256: <base64>` HMAC-SHA256 of the raw body keyed by the app's API
 * secret. The id is `X-Shopify-Webhook-Id`; the type is `X-Shopify-Topic` (`orders/create`).
 * Shopify sends no signed timestamp.
 */
export function shopifyScheme(_options: SchemeOptions = {}): WebhookScheme {
  return {
    name: 'shopify',
    signatureHeaders: SIGNATURE,
    verify(request, secrets) {
      const header = shopifyHeader(request, SIGNATURE) ?? fail(SchemeMessages.missingSignature);
      const signature = decodeBase64Digest(header) ?? fail(SchemeMessages.invalidSignature);
      assertAnyMatch([signature], secrets, (secret) => hmacSha256(secret, undefined, request.rawBody));
    },
    eventId: (request) => shopifyHeader(request, WEBHOOK_ID),
    eventType: (request) => shopifyHeader(request, TOPIC),
  };
}

function shopifyHeader(request: WebhookRequest, [legacy, events]: readonly [string, string]): string | undefined {
  return headerValue(request.headers, legacy) ?? headerValue(request.headers, events);
}
