import { createHmac } from 'node:crypto';
import Stripe from 'stripe';
import { WebhookVerificationError } from '../errors/webhook-verification.error.js';
import type { WebhookRequest } from '../interfaces/webhook-scheme.interface.js';
import { signWebhook } from '../signing/sign-webhook.js';
import { stripeScheme } from './stripe.scheme.js';

const SECRET = 'whsec_3c9f0d4e2b7a41f58e6d2c1b0a9f8e7d';
const NEXT_SECRET = 'whsec_new_91b2c3d4e5f60718293a4b5c6d7e8f90';
const NOW_S = 1_790_000_000;
const NOW_MS = NOW_S * 1000 + 999;
// Non-ASCII text proves the HMAC runs over the bytes, not over a re-encoded string.
const EVENT = { id: 'evt_1Q2w3E', object: 'event', type: 'payment_intent.succeeded', data: { object: { id: 'pi_1', amount: 4200, description: 'café ✓' } } };
const RAW = JSON.stringify(EVENT);

const scheme = stripeScheme();
const request = (headers: Record<string, string>, raw = RAW): WebhookRequest => ({ rawBody: Buffer.from(raw), headers });
const v1 = (secret: string, timestamp: number, raw = RAW) =>
  createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex');

function rejection(verify: () => void): string {
  try {
    verify();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return (error as Error).message;
  }
  return 'accepted';
}

describe('stripeScheme', () => {
  it('accepts a delivery signed by signWebhook and names the body id and type', () => {
    const req = request(signWebhook('stripe', SECRET, EVENT, { timestamp: NOW_S }));
    expect(() => scheme.verify(req, [SECRET], NOW_MS)).not.toThrow();
    expect(scheme.eventId(req, EVENT)).toBe('evt_1Q2w3E');
    expect(scheme.eventType(req, EVENT)).toBe('payment_intent.succeeded');
    expect(scheme.signatureHeaders).toEqual(['stripe-signature']);
  });

  it('accepts headers made by the official stripe library', () => {
    const header = Stripe.webhooks.generateTestHeaderString({ payload: RAW, secret: SECRET, timestamp: NOW_S });
    expect(rejection(() => scheme.verify(request({ 'stripe-signature': header }), [SECRET], NOW_MS))).toBe('accepted');
  });

  it('signs what the official stripe library accepts (constructEvent)', () => {
    const headers = signWebhook('stripe', SECRET, EVENT);
    const event = Stripe.webhooks.constructEvent(RAW, headers['stripe-signature']!, SECRET);
    expect(event.id).toBe('evt_1Q2w3E');
    expect(() => Stripe.webhooks.constructEvent(RAW, headers['stripe-signature']!, NEXT_SECRET)).toThrow();
  });

  it('rejects a body the official library also rejects (tampered)', () => {
    const header = Stripe.webhooks.generateTestHeaderString({ payload: RAW, secret: SECRET, timestamp: NOW_S });
    const tampered = RAW.replace('4200', '4201');
    expect(rejection(() => scheme.verify(request({ 'stripe-signature': header }, tampered), [SECRET], NOW_MS))).toBe(
      'No matching signature',
    );
    expect(() => Stripe.webhooks.constructEvent(tampered, header, SECRET, 300, undefined, NOW_S)).toThrow(/No signatures found/);
  });

  it('says why it rejects: missing, malformed, wrong secret', () => {
    const sig = v1(SECRET, NOW_S);
    const reason = (headers: Record<string, string>) => rejection(() => scheme.verify(request(headers), [SECRET], NOW_MS));
    expect(reason({})).toBe('Missing signature header');
    expect(reason({ 'stripe-signature': '' })).toBe('Missing signature header');
    for (const malformed of ['garbage', `v1=${sig}`, `t=${NOW_S}`, `t=${NOW_S},v1=abc`, `t=${NOW_S},v0=${sig}`, `t=1e9,v1=${sig}`, `t=-1,v1=${sig}`, `t=${NOW_S},t=${NOW_S},v1=${sig}`, `t=${NOW_S},v1=${'z'.repeat(64)}`]) {
      expect(reason({ 'stripe-signature': malformed })).toBe('Invalid signature header');
    }
    expect(reason({ 'stripe-signature': `t=${NOW_S},v1=${v1('whsec_wrong', NOW_S)}` })).toBe('No matching signature');
  });

  it('binds the timestamp into the signature', () => {
    const header = `t=${NOW_S - 1},v1=${v1(SECRET, NOW_S)}`;
    expect(rejection(() => scheme.verify(request({ 'stripe-signature': header }), [SECRET], NOW_MS))).toBe('No matching signature');
  });

  it('rejects timestamps more than 300 s in the past or in the future', () => {
    const at = (t: number) => rejection(() => scheme.verify(request({ 'stripe-signature': `t=${t},v1=${v1(SECRET, t)}` }), [SECRET], NOW_MS));
    expect(at(NOW_S - 300)).toBe('accepted');
    expect(at(NOW_S + 300)).toBe('accepted');
    expect(at(NOW_S - 301)).toBe('Message timestamp too old');
    expect(at(NOW_S + 301)).toBe('Message timestamp too new');
  });

  it('honours toleranceSeconds', () => {
    const strict = stripeScheme({ toleranceSeconds: 10 });
    const at = (t: number) => rejection(() => strict.verify(request({ 'stripe-signature': `t=${t},v1=${v1(SECRET, t)}` }), [SECRET], NOW_MS));
    expect(at(NOW_S - 10)).toBe('accepted');
    expect(at(NOW_S - 11)).toBe('Message timestamp too old');
    expect(() => stripeScheme({ toleranceSeconds: -1 })).toThrow(/toleranceSeconds/);
  });

  it('accepts any of several secrets (rotation) and any of several v1 signatures', () => {
    const signedWithNext = request({ 'stripe-signature': `t=${NOW_S},v1=${v1(NEXT_SECRET, NOW_S)}` });
    expect(rejection(() => scheme.verify(signedWithNext, [SECRET, NEXT_SECRET], NOW_MS))).toBe('accepted');
    expect(rejection(() => scheme.verify(signedWithNext, [SECRET], NOW_MS))).toBe('No matching signature');

    const rolling = `t=${NOW_S},v1=${v1('whsec_other', NOW_S)},v0=${'0'.repeat(64)},v1=${v1(SECRET, NOW_S)}`;
    expect(rejection(() => scheme.verify(request({ 'stripe-signature': rolling }), [SECRET], NOW_MS))).toBe('accepted');
    const matchFirst = `t=${NOW_S},v1=${v1(SECRET, NOW_S)},v1=${v1('whsec_other', NOW_S)}`;
    expect(rejection(() => scheme.verify(request({ 'stripe-signature': matchFirst }), [SECRET], NOW_MS))).toBe('accepted');
    expect(() => Stripe.webhooks.constructEvent(RAW, rolling, SECRET, 300, undefined, NOW_S)).not.toThrow();
  });

  it('never puts the secret or the signature in the error', () => {
    const sig = v1('whsec_wrong', NOW_S);
    const message = rejection(() => scheme.verify(request({ 'stripe-signature': `t=${NOW_S},v1=${sig}` }), [SECRET], NOW_MS));
    expect(message).not.toContain(sig);
    expect(message).not.toContain(SECRET);
  });

  it('leaves id and type undefined when the body lacks them', () => {
    const req = request({});
    expect(scheme.eventId(req, { type: 1 })).toBeUndefined();
    expect(scheme.eventType(req, { type: 1 })).toBeUndefined();
    expect(scheme.eventId(req, [])).toBeUndefined();
    expect(scheme.eventType(req, null)).toBeUndefined();
  });
});
