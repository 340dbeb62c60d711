import { createHmac } from 'node:crypto';
import Stripe from 'stripe';
import { WebhookVerificationError } from '../errors/webhook-verification.error.js';
import type { WebhookRequest } from '../interfaces/webhook-scheme.interface.js';
import { stripeScheme } from './stripe.scheme.js';

// Sign/verify round trip, tampering, rotation, tolerance and missing or malformed headers: scheme-conformance.spec.ts.
const SECRET = 'whsec_3c9f0d4e2b7a41f58e6d2c1b0a9f8e7d';
const NEXT_SECRET = 'whsec_new_91b2c3d4e5f60718293a4b5c6d7e8f90';
const NOW_S = 1_790_000_000;
const NOW_MS = NOW_S * 1000 + 999;
// Non-ASCII text proves the HMAC runs over the bytes, not over a re-encoded string.
const EVENT = { id: 'evt_1Q2w3E', object: 'event', type: 'payment_intent.succeeded', data: { object: { id: 'pi_1', amount: 4200, description: 'café ✓' } } };
const RAW = JSON.stringify(EVENT);

const scheme = stripeScheme();
const verify = (header: string, raw = RAW) => () => scheme.verify({ rawBody: Buffer.from(raw), headers: { 'stripe-signature': header } } satisfies WebhookRequest, [SECRET], NOW_MS);
const v1 = (secret: string, timestamp: number, raw = RAW) => createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex');

describe('stripeScheme', () => {
  it('accepts headers made by the official stripe library', () => {
    expect(verify(Stripe.webhooks.generateTestHeaderString({ payload: RAW, secret: SECRET, timestamp: NOW_S }))).not.toThrow();
  });

  it('signs what the official stripe library accepts (constructEvent), the header it generates to the byte', () => {
    const header = scheme.sign(SECRET, { raw: RAW, timestamp: NOW_S })['stripe-signature']!;
    expect(header).toBe(Stripe.webhooks.generateTestHeaderString({ payload: RAW, secret: SECRET, timestamp: NOW_S }));
    expect(Stripe.webhooks.constructEvent(RAW, header, SECRET, 300, undefined, NOW_S).id).toBe('evt_1Q2w3E');
    expect(() => Stripe.webhooks.constructEvent(RAW, header, NEXT_SECRET, 300, undefined, NOW_S)).toThrow();
  });

  it('rejects a body the official library also rejects (tampered)', () => {
    const header = Stripe.webhooks.generateTestHeaderString({ payload: RAW, secret: SECRET, timestamp: NOW_S });
    const tampered = RAW.replace('4200', '4201');
    expect(verify(header, tampered)).toThrow(new WebhookVerificationError('No matching signature'));
    expect(() => Stripe.webhooks.constructEvent(tampered, header, SECRET, 300, undefined, NOW_S)).toThrow(/No signatures found/);
  });

  it('accepts any of several v1 signatures and ignores v0, as the official library does', () => {
    const rolling = `t=${NOW_S},v1=${v1('whsec_other', NOW_S)},v0=${'0'.repeat(64)},v1=${v1(SECRET, NOW_S)}`;
    expect(verify(rolling)).not.toThrow();
    expect(verify(`t=${NOW_S},v1=${v1(SECRET, NOW_S)},v1=${v1('whsec_other', NOW_S)}`)).not.toThrow();
    expect(() => Stripe.webhooks.constructEvent(RAW, rolling, SECRET, 300, undefined, NOW_S)).not.toThrow();
  });

  it('leaves id and type undefined when the body lacks them', () => {
    const req = { rawBody: Buffer.from('{}'), headers: {} };
    expect(scheme.eventId(req, { type: 1 })).toBeUndefined();
    expect(scheme.eventType(req, { type: 1 })).toBeUndefined();
    expect(scheme.eventId(req, [])).toBeUndefined();
    expect(scheme.eventType(req, null)).toBeUndefined();
  });
});
