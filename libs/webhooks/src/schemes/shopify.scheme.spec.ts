import '@shopify/shopify-api/adapters/web-api';
import { createHmac } from 'node:crypto';
import { ApiVersion, LogSeverity, shopifyApi } from '@shopify/shopify-api';
import { WebhookVerificationError } from '../errors/webhook-verification.error.js';
import type { WebhookRequest } from '../interfaces/webhook-scheme.interface.js';
import { signWebhook } from '../signing/sign-webhook.js';
import { shopifyScheme } from './shopify.scheme.js';

const SECRET = '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';
const NEXT_SECRET = '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';
const ORDER = { id: 450789469, email: 'jon@example.com', note: 'Grüße ✓', line_items: [{ id: 1, quantity: 2 }] };
const RAW = JSON.stringify(ORDER);

const scheme = shopifyScheme();
const request = (headers: Record<string, string>, raw = RAW): WebhookRequest => ({ rawBody: Buffer.from(raw), headers });
// Shopify's documented Node example: HMAC-SHA256 of the raw body with the app secret, base64.
const documented = (secret: string, raw: string | Buffer = RAW) => createHmac('sha256', secret).update(raw).digest('base64');

function rejection(verify: () => void): string {
  try {
    verify();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return (error as Error).message;
  }
  return 'accepted';
}

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

  it('accepts a delivery signed by signWebhook and names it by webhook id and topic', () => {
    const headers = signWebhook('shopify', SECRET, ORDER, { type: 'orders/create', id: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043' });
    const req = request(headers);
    expect(rejection(() => scheme.verify(req, [SECRET], 0))).toBe('accepted');
    expect(scheme.eventId(req, ORDER)).toBe('b54557e4-bdd9-4b37-8a5f-bf7d70bcd043');
    expect(scheme.eventType(req, ORDER)).toBe('orders/create');
  });

  it('signs what @shopify/shopify-api validates, with every header it requires', async () => {
    const headers = signWebhook('shopify', SECRET, ORDER, { type: 'orders/paid', id: 'wh-1' });
    const result = await validate(headers);
    expect(result).toMatchObject({ valid: true, topic: 'ORDERS_PAID', webhookId: 'wh-1', domain: headers['x-shopify-shop-domain'] });
    expect(await validate(signWebhook('shopify', NEXT_SECRET, ORDER))).toMatchObject({ valid: false });
  });

  it('rejects what @shopify/shopify-api rejects (tampered body)', async () => {
    const headers = signWebhook('shopify', SECRET, ORDER);
    const tampered = RAW.replace('jon@', 'eve@');
    expect(await validate(headers, tampered)).toMatchObject({ valid: false, reason: 'invalid_hmac' });
    expect(rejection(() => scheme.verify(request(headers, tampered), [SECRET], 0))).toBe('No matching signature');
  });

  it('accepts the digest computed as in Shopify’s documented Node example', () => {
    expect(rejection(() => scheme.verify(request({ 'x-shopify-hmac-sha256': documented(SECRET) }), [SECRET], 0))).toBe('accepted');
  });

  it('says why it rejects: missing, malformed, wrong secret', () => {
    const reason = (headers: Record<string, string>) => rejection(() => scheme.verify(request(headers), [SECRET], 0));
    expect(reason({})).toBe('Missing signature header');
    const good = documented(SECRET);
    const hex = createHmac('sha256', SECRET).update(RAW).digest('hex');
    for (const malformed of [hex, good.slice(4), `${good}AAAA`, '!'.repeat(44)]) {
      expect(reason({ 'x-shopify-hmac-sha256': malformed })).toBe('Invalid signature header');
    }
    expect(reason({ 'x-shopify-hmac-sha256': documented('wrong') })).toBe('No matching signature');
  });

  it('accepts any configured secret (rotation)', () => {
    const req = request({ 'x-shopify-hmac-sha256': documented(NEXT_SECRET) });
    expect(rejection(() => scheme.verify(req, [SECRET, NEXT_SECRET], 0))).toBe('accepted');
    expect(rejection(() => scheme.verify(req, [SECRET], 0))).toBe('No matching signature');
  });

  it('reads the unprefixed headers of Shopify events deliveries too', () => {
    const req = request({ 'shopify-hmac-sha256': documented(SECRET), 'shopify-webhook-id': 'ev-9', 'shopify-topic': 'products/update' });
    expect(rejection(() => scheme.verify(req, [SECRET], 0))).toBe('accepted');
    expect(scheme.eventId(req, ORDER)).toBe('ev-9');
    expect(scheme.eventType(req, ORDER)).toBe('products/update');
    expect(scheme.signatureHeaders).toEqual(['x-shopify-hmac-sha256', 'shopify-hmac-sha256']);
  });
});
