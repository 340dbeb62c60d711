import '@shopify/shopify-api/adapters/web-api';
import { createHmac } from 'node:crypto';
import { ApiVersion, LogSeverity, shopifyApi } from '@shopify/shopify-api';
import { WebhookVerificationError } from '../errors/webhook-verification.error.js';
import type { WebhookRequest } from '../interfaces/webhook-scheme.interface.js';
import { shopifyScheme } from './shopify.scheme.js';

// Sign/verify round trip, tampering, rotation and missing or malformed headers: scheme-conformance.spec.ts.
const SECRET = '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';
const NEXT_SECRET = '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';
const ORDER = { id: 450789469, email: 'jon@example.com', note: 'Grüße ✓', line_items: [{ id: 1, quantity: 2 }] };
const RAW = JSON.stringify(ORDER);
const NOW_S = 1_790_000_000;

const scheme = shopifyScheme();
const request = (headers: Record<string, string>, raw = RAW): WebhookRequest => ({ rawBody: Buffer.from(raw), headers });
// Shopify's documented Node example: HMAC-SHA256 of the raw body with the app secret, base64.
const documented = (secret: string, raw: string | Buffer = RAW) => createHmac('sha256', secret).update(raw).digest('base64');

describe('shopifyScheme', () => {
  const shopify = shopifyApi({
    apiKey: 'aiwire-test-key',
    apiSecretKey: SECRET,
    scopes: ['read_orders'],
    hostName: 'aiwire.example.com',
    apiVersion: ApiVersion.July25,
    isEmbeddedApp: false,
    logger: { level: LogSeverity.Error, log: async () => undefined },
  });
  const validate = (headers: Record<string, string>, raw = RAW) =>
    shopify.webhooks.validate({
      rawBody: raw,
      rawRequest: new Request('https://aiwire.example.com/webhooks/shopify', { method: 'POST', headers, body: raw }),
    });

  it('signs what @shopify/shopify-api validates, with every header it requires', async () => {
    const headers = scheme.sign(SECRET, { raw: RAW, timestamp: NOW_S, type: 'orders/paid', id: 'wh-1' });
    const result = await validate(headers);
    expect(result).toMatchObject({ valid: true, topic: 'ORDERS_PAID', webhookId: 'wh-1', domain: headers['x-shopify-shop-domain'] });
    expect(headers['x-shopify-triggered-at']).toBe(new Date(NOW_S * 1000).toISOString());
    expect(await validate(scheme.sign(NEXT_SECRET, { raw: RAW, timestamp: NOW_S }))).toMatchObject({ valid: false });
  });

  it('rejects what @shopify/shopify-api rejects (tampered body)', async () => {
    const headers = scheme.sign(SECRET, { raw: RAW, timestamp: NOW_S });
    const tampered = RAW.replace('jon@', 'eve@');
    expect(await validate(headers, tampered)).toMatchObject({ valid: false, reason: 'invalid_hmac' });
    expect(() => scheme.verify(request(headers, tampered), [SECRET], 0)).toThrow(new WebhookVerificationError('No matching signature'));
  });

  it('accepts the digest computed as in Shopify’s documented Node example', () => {
    expect(() => scheme.verify(request({ 'x-shopify-hmac-sha256': documented(SECRET) }), [SECRET], 0)).not.toThrow();
  });

  it('reads the unprefixed headers of Shopify events deliveries too', () => {
    const req = request({ 'shopify-hmac-sha256': documented(SECRET), 'shopify-webhook-id': 'ev-9', 'shopify-topic': 'products/update' });
    expect(() => scheme.verify(req, [SECRET], 0)).not.toThrow();
    expect(scheme.eventId(req, ORDER)).toBe('ev-9');
    expect(scheme.eventType(req, ORDER)).toBe('products/update');
    expect(scheme.signatureHeaders).toEqual(['x-shopify-hmac-sha256', 'shopify-hmac-sha256']);
  });
});
