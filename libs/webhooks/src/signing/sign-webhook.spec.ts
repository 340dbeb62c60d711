import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import supertest from 'supertest';
import type { WebhookSchemeName } from '../interfaces/webhook-source-options.interface.js';
import { BUILT_IN_SCHEMES } from '../schemes/scheme-registry.js';
import { WebhookConfigurationError } from '../errors/webhook-configuration.error.js';
import { signWebhook, stringifyBody } from './sign-webhook.js';
import { WebhookSigningError } from './webhook-signing.error.js';

const SCHEMES = Object.keys(BUILT_IN_SCHEMES) as WebhookSchemeName[];
const SECRET = `whsec_${Buffer.from('a-thirty-two-byte-long-test-key!').toString('base64')}`;

describe('stringifyBody', () => {
  it('keeps strings and bytes as they are and writes objects as JSON.stringify does', () => {
    const bytes = Buffer.from([0xff, 0x00, 0xfe]);
    expect(stringifyBody(bytes)).toBe(bytes);
    expect(stringifyBody('{"a": 1}')).toBe('{"a": 1}');
    expect(stringifyBody({ b: [1, 'é'], a: null })).toBe('{"b":[1,"é"],"a":null}');
    expect(() => stringifyBody(() => 1)).toThrow(TypeError);
  });
});

describe('signWebhook', () => {
  it.each(SCHEMES)('%s: lower-case header names, a JSON content type and the signature header the scheme hides', (name) => {
    const headers = signWebhook(name, SECRET, { id: 'x' });
    for (const key of Object.keys(headers)) expect(key).toBe(key.toLowerCase());
    expect(headers['content-type']).toMatch(/^application\/json/);
    const hidden = BUILT_IN_SCHEMES[name]().signatureHeaders;
    expect(hidden.some((header) => header in headers)).toBe(true);
  });

  it('sends what each real sender sends besides the signature', () => {
    const shopify = signWebhook('shopify', SECRET, {}, { timestamp: 1_790_000_000, id: 'wh-1', type: 'orders/paid' });
    expect(shopify).toMatchObject({
      'x-shopify-topic': 'orders/paid',
      'x-shopify-webhook-id': 'wh-1',
      'x-shopify-triggered-at': new Date(1_790_000_000_000).toISOString(),
    });
    expect(shopify['x-shopify-shop-domain']).toMatch(/\.myshopify\.com$/);
    expect(shopify['x-shopify-api-version']).toMatch(/^\d{4}-\d{2}$/);
    expect(shopify['x-shopify-event-id']).toBeTruthy();

    const github = signWebhook('github', SECRET, '{}', { id: 'guid-1', type: 'issues' });
    expect(github).toMatchObject({ 'x-github-event': 'issues', 'x-github-delivery': 'guid-1' });
    expect(github['user-agent']).toMatch(/^GitHub-Hookshot\//);
    expect(github['x-hub-signature']).toBe(`sha1=${createHmac('sha1', SECRET).update('{}').digest('hex')}`);
    expect(github['x-github-hook-id']).toBeTruthy();

    expect(signWebhook('stripe', SECRET, '{}')['user-agent']).toMatch(/^Stripe\//);
    expect(signWebhook('slack', SECRET, '{}')['user-agent']).toMatch(/^Slackbot/);
  });

  it('defaults: now as timestamp, fresh random ids, ping and orders/create as types', () => {
    const before = Math.floor(Date.now() / 1000);
    const slack = signWebhook('slack', SECRET, {});
    expect(Number(slack['x-slack-request-timestamp'])).toBeGreaterThanOrEqual(before);
    expect(Number(slack['x-slack-request-timestamp'])).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    const [a, b] = [signWebhook('standard', SECRET, {}), signWebhook('standard', SECRET, {})];
    expect(a['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(a['webhook-id']).not.toBe(b['webhook-id']);
    expect(signWebhook('github', SECRET, {})['x-github-event']).toBe('ping');
    expect(signWebhook('shopify', SECRET, {})['x-shopify-topic']).toBe('orders/create');
  });

  it('signs exactly the given bytes, even when they are not UTF-8', () => {
    const bytes = Buffer.from([0xc3, 0x28, 0xff, 0x7b]);
    const headers = signWebhook('hmac-sha256', 'k', bytes);
    expect(headers['x-signature']).toBe(createHmac('sha256', 'k').update(bytes).digest('hex'));
  });

  it('matches the official stripe test header for the same timestamp', () => {
    const payload = '{"id":"evt_1","type":"charge.succeeded"}';
    const official = Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp: 1_790_000_000 });
    expect(signWebhook('stripe', SECRET, payload, { timestamp: 1_790_000_000 })['stripe-signature']).toBe(official);
  });

  it('refuses an unknown scheme and a timestamp that is not whole seconds', () => {
    expect(() => signWebhook('paypal' as WebhookSchemeName, SECRET, {})).toThrow(/unknown scheme "paypal"/);
    expect(() => signWebhook('stripe', SECRET, {}, { timestamp: Date.now() / 1000 + 0.5 })).toThrow(TypeError);
  });

  it('throws WebhookSigningError (a TypeError) that says what to pass instead', () => {
    const refusals: Array<[() => unknown, string]> = [
      [() => signWebhook('paypal' as WebhookSchemeName, SECRET, {}), 'signWebhook: unknown scheme "paypal". Use one of stripe, github, shopify, slack, standard, hmac-sha256.'],
      [() => signWebhook('toString' as WebhookSchemeName, SECRET, {}), 'signWebhook: unknown scheme "toString". Use one of stripe, github, shopify, slack, standard, hmac-sha256.'],
      [() => signWebhook('stripe', SECRET, {}, { timestamp: 1.5 }), 'signWebhook: timestamp must be whole unix seconds, e.g. Math.floor(Date.now() / 1000) (got 1.5).'],
      [() => stringifyBody(() => 1), 'signWebhook: the body cannot be written as JSON. Pass a string or a Buffer of the exact bytes to send.'],
    ];
    for (const [attempt, message] of refusals) {
      expect(attempt).toThrow(new WebhookSigningError(message));
      expect(attempt).toThrow(TypeError);
    }
  });

  it('signs hmac-sha256 with the header and encoding as the scheme reads them (one place resolves both)', () => {
    const options = { header: ' X-Helpdesk-Signature ', encoding: 'base64' as const };
    const headers = signWebhook('hmac-sha256', 'k', '{}', options);
    expect(Object.keys(headers)).toEqual(['content-type', 'x-helpdesk-signature']);
    expect(() => BUILT_IN_SCHEMES['hmac-sha256'](options).verify({ rawBody: Buffer.from('{}'), headers }, ['k'], 0)).not.toThrow();
    expect(() => signWebhook('hmac-sha256', 'k', '{}', { header: ' ' })).toThrow(WebhookConfigurationError);
  });

  it('produces headers and bytes that survive a real HTTP request and verify on arrival', async () => {
    const received: Array<{ rawBody: Buffer; headers: IncomingHttpHeaders }> = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ rawBody: Buffer.concat(chunks), headers: req.headers });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const payload = { id: 'evt_http', type: 'order.paid', event_type: 'order.paid', note: 'über ✓' };
      for (const name of SCHEMES) {
        const response = await fetch(`http://127.0.0.1:${port}/`, {
          method: 'POST',
          headers: signWebhook(name, SECRET, payload),
          body: stringifyBody(payload),
        });
        expect(response.status).toBe(204);
        const delivery = received.at(-1)!;
        expect(() => BUILT_IN_SCHEMES[name]().verify(delivery, [SECRET], Date.now())).not.toThrow();

        // The documented recipe: supertest's .send(obj) writes JSON.stringify(obj), whatever the JSON content type.
        await supertest(server).post('/').set(signWebhook(name, SECRET, payload)).send(payload).expect(204);
        expect(received.at(-1)!.rawBody.equals(Buffer.from(JSON.stringify(payload)))).toBe(true);
        expect(() => BUILT_IN_SCHEMES[name]().verify(received.at(-1)!, [SECRET], Date.now())).not.toThrow();
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
