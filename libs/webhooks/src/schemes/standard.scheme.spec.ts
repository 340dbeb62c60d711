import { createHmac } from 'node:crypto';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { WebhookVerificationError } from '../errors/webhook-verification.error.js';
import type { WebhookRequest } from '../interfaces/webhook-scheme.interface.js';
import { signWebhook } from '../signing/sign-webhook.js';
import { standardScheme } from './standard.scheme.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const NEXT_SECRET = `whsec_${Buffer.from('next-key-0123456789abcdef').toString('base64')}`;
const NOW_S = 1_790_000_000;
const NOW = new Date(NOW_S * 1000);
const NOW_MS = NOW_S * 1000 + 250;
const ID = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
const EVENT = { type: 'payment.completed', timestamp: '2026-11-23T10:00:00Z', data: { id: 'pay_1', memo: 'naïve ✓' } };
const RAW = JSON.stringify(EVENT);

const scheme = standardScheme();
const request = (headers: Record<string, string>, raw = RAW): WebhookRequest => ({ rawBody: Buffer.from(raw), headers });
const headersFrom = (secret: string, ts = NOW_S, id = ID, raw = RAW) => ({
  'webhook-id': id,
  'webhook-timestamp': String(ts),
  'webhook-signature': new StandardWebhook(secret).sign(id, new Date(ts * 1000), raw),
});

/** Runs a reference library, which reads the real clock, at the test's fixed "now". */
function atNow<T>(run: () => T): T {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  try {
    return run();
  } finally {
    vi.useRealTimers();
  }
}

function rejection(verify: () => void): string {
  try {
    verify();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return (error as Error).message;
  }
  return 'accepted';
}

describe('standardScheme', () => {
  it('accepts a delivery signed by signWebhook and names it by webhook-id and body type', () => {
    const req = request(signWebhook('standard', SECRET, EVENT, { timestamp: NOW_S, id: ID }));
    expect(rejection(() => scheme.verify(req, [SECRET], NOW_MS))).toBe('accepted');
    expect(scheme.eventId(req, EVENT)).toBe(ID);
    expect(scheme.eventType(req, EVENT)).toBe('payment.completed');
    expect(scheme.signatureHeaders).toEqual(['webhook-signature', 'svix-signature']);
  });

  it('accepts signatures made by the standardwebhooks library', () => {
    expect(rejection(() => scheme.verify(request(headersFrom(SECRET)), [SECRET], NOW_MS))).toBe('accepted');
  });

  it('signs what standardwebhooks and svix verify', () => {
    atNow(() => {
      const headers = signWebhook('standard', SECRET, EVENT, { id: ID });
      expect(headers['webhook-timestamp']).toBe(String(NOW_S));
      expect(new StandardWebhook(SECRET).verify(RAW, headers)).toEqual(EVENT);
      expect(() => new StandardWebhook(NEXT_SECRET).verify(RAW, headers)).toThrow('No matching signature found');
      const svixHeaders = { 'svix-id': headers['webhook-id']!, 'svix-timestamp': headers['webhook-timestamp']!, 'svix-signature': headers['webhook-signature']! };
      expect(new SvixWebhook(SECRET).verify(RAW, svixHeaders)).toEqual(EVENT);
      expect(() => new SvixWebhook(SECRET).verify(RAW.replace('pay_1', 'pay_2'), svixHeaders)).toThrow();
    });
  });

  it('accepts svix-* headers signed by the svix library', () => {
    const signature = new SvixWebhook(SECRET).sign(ID, NOW, RAW);
    const req = request({ 'svix-id': ID, 'svix-timestamp': String(NOW_S), 'svix-signature': signature });
    expect(rejection(() => scheme.verify(req, [SECRET], NOW_MS))).toBe('accepted');
    expect(scheme.eventId(req, EVENT)).toBe(ID);
  });

  it('says why it rejects: missing, malformed, wrong secret, tampered body', () => {
    const good = headersFrom(SECRET);
    const reason = (headers: Record<string, string>, raw = RAW) => rejection(() => scheme.verify(request(headers, raw), [SECRET], NOW_MS));
    expect(reason({ 'webhook-id': ID, 'webhook-timestamp': String(NOW_S) })).toBe('Missing signature header');
    expect(reason({ 'webhook-signature': good['webhook-signature'], 'webhook-timestamp': String(NOW_S) })).toBe('Missing required headers');
    expect(reason({ 'webhook-signature': good['webhook-signature'], 'webhook-id': ID })).toBe('Missing required headers');
    expect(reason({ ...good, 'webhook-timestamp': 'soon' })).toBe('Invalid signature header');
    const b64 = good['webhook-signature'].slice(3);
    for (const malformed of [b64, `v1a,${b64}`, `v2,${b64}`, 'v1,', `v1,${b64.slice(8)}`, `v1=${b64}`]) {
      expect(reason({ ...good, 'webhook-signature': malformed })).toBe('Invalid signature header');
    }
    expect(reason(headersFrom(NEXT_SECRET))).toBe('No matching signature');
    expect(reason(good, RAW.replace('pay_1', 'pay_2'))).toBe('No matching signature');
    expect(reason({ ...good, 'webhook-id': 'msg_other' })).toBe('No matching signature');
  });

  it('accepts when any of several space-separated v1 signatures matches', () => {
    const other = headersFrom(NEXT_SECRET)['webhook-signature'];
    const mine = headersFrom(SECRET)['webhook-signature'];
    const header = `v1a,${'A'.repeat(86)}== ${other} ${mine}`;
    expect(rejection(() => scheme.verify(request({ ...headersFrom(SECRET), 'webhook-signature': header }), [SECRET], NOW_MS))).toBe('accepted');
    expect(atNow(() => new StandardWebhook(SECRET).verify(RAW, { ...headersFrom(SECRET), 'webhook-signature': header }))).toEqual(EVENT);
    const matchFirst = `${mine} ${other}`;
    expect(rejection(() => scheme.verify(request({ ...headersFrom(SECRET), 'webhook-signature': matchFirst }), [SECRET], NOW_MS))).toBe('accepted');
  });

  it('accepts any configured secret (rotation), with or without the whsec_ prefix', () => {
    const req = request(headersFrom(NEXT_SECRET));
    expect(rejection(() => scheme.verify(req, [SECRET, NEXT_SECRET], NOW_MS))).toBe('accepted');
    expect(rejection(() => scheme.verify(req, [SECRET, NEXT_SECRET.slice('whsec_'.length)], NOW_MS))).toBe('accepted');
    expect(rejection(() => scheme.verify(req, [SECRET], NOW_MS))).toBe('No matching signature');
  });

  it('keys the HMAC with the base64-decoded secret, not the secret text', () => {
    const wrongKey = createHmac('sha256', SECRET).update(`${ID}.${NOW_S}.${RAW}`).digest('base64');
    const req = request({ 'webhook-id': ID, 'webhook-timestamp': String(NOW_S), 'webhook-signature': `v1,${wrongKey}` });
    expect(rejection(() => scheme.verify(req, [SECRET], NOW_MS))).toBe('No matching signature');
  });

  it('rejects timestamps more than 300 s in the past or in the future, as the reference library does', () => {
    const at = (ts: number) => rejection(() => scheme.verify(request(headersFrom(SECRET, ts)), [SECRET], NOW_MS));
    expect(at(NOW_S - 300)).toBe('accepted');
    expect(at(NOW_S + 300)).toBe('accepted');
    expect(at(NOW_S - 301)).toBe('Message timestamp too old');
    expect(at(NOW_S + 301)).toBe('Message timestamp too new');
    atNow(() => {
      expect(() => new StandardWebhook(SECRET).verify(RAW, headersFrom(SECRET, NOW_S - 301))).toThrow('Message timestamp too old');
      expect(() => new StandardWebhook(SECRET).verify(RAW, headersFrom(SECRET, NOW_S + 301))).toThrow('Message timestamp too new');
    });
  });
});
