import { createHmac } from 'node:crypto';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { WebhookVerificationError } from '../errors/webhook-verification.error.js';
import type { WebhookRequest } from '../interfaces/webhook-scheme.interface.js';
import { standardScheme } from './standard.scheme.js';

// Sign/verify round trip, tampering, rotation, tolerance and missing or malformed headers: scheme-conformance.spec.ts.
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
const noMatch = new WebhookVerificationError('No matching signature');

/** Runs a reference library, which reads the real clock, at the test's fixed "now". */
function atNow<T>(run: () => T): T {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  try {
    return run();
  } finally {
    vi.useRealTimers();
  }
}

describe('standardScheme', () => {
  it('signs and verifies the reference libraries’ test vector', () => {
    const vector = { id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: 1614265330, raw: '{"test": 2432232314}' };
    const headers = scheme.sign(SECRET, vector);
    expect(headers['webhook-signature']).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    expect(() => scheme.verify(request(headers, vector.raw), [SECRET], vector.timestamp * 1000)).not.toThrow();
  });

  it('accepts signatures made by the standardwebhooks library', () => {
    expect(() => scheme.verify(request(headersFrom(SECRET)), [SECRET], NOW_MS)).not.toThrow();
  });

  it('signs what standardwebhooks and svix verify', () => {
    const headers = scheme.sign(SECRET, { raw: RAW, timestamp: NOW_S, id: ID });
    atNow(() => {
      expect(new StandardWebhook(SECRET).verify(RAW, headers)).toEqual(EVENT);
      expect(() => new StandardWebhook(NEXT_SECRET).verify(RAW, headers)).toThrow('No matching signature found');
      const svixHeaders = { 'svix-id': headers['webhook-id']!, 'svix-timestamp': headers['webhook-timestamp']!, 'svix-signature': headers['webhook-signature']! };
      expect(new SvixWebhook(SECRET).verify(RAW, svixHeaders)).toEqual(EVENT);
      expect(() => new SvixWebhook(SECRET).verify(RAW.replace('pay_1', 'pay_2'), svixHeaders)).toThrow();
    });
  });

  it('writes a fresh msg_ id when none is given', () => {
    const [a, b] = [scheme.sign(SECRET, { raw: RAW, timestamp: NOW_S }), scheme.sign(SECRET, { raw: RAW, timestamp: NOW_S })];
    expect(a['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(a['webhook-id']).not.toBe(b['webhook-id']);
  });

  it('accepts svix-* headers signed by the svix library', () => {
    const signature = new SvixWebhook(SECRET).sign(ID, NOW, RAW);
    const req = request({ 'svix-id': ID, 'svix-timestamp': String(NOW_S), 'svix-signature': signature });
    expect(() => scheme.verify(req, [SECRET], NOW_MS)).not.toThrow();
    expect(scheme.eventId(req, EVENT)).toBe(ID);
    expect(scheme.signatureHeaders).toEqual(['webhook-signature', 'svix-signature']);
  });

  it('accepts when any of several space-separated v1 signatures matches', () => {
    const other = headersFrom(NEXT_SECRET)['webhook-signature'];
    const mine = headersFrom(SECRET)['webhook-signature'];
    const header = `v1a,${'A'.repeat(86)}== ${other} ${mine}`;
    expect(() => scheme.verify(request({ ...headersFrom(SECRET), 'webhook-signature': header }), [SECRET], NOW_MS)).not.toThrow();
    expect(atNow(() => new StandardWebhook(SECRET).verify(RAW, { ...headersFrom(SECRET), 'webhook-signature': header }))).toEqual(EVENT);
    expect(() => scheme.verify(request({ ...headersFrom(SECRET), 'webhook-signature': `${mine} ${other}` }), [SECRET], NOW_MS)).not.toThrow();
  });

  it('reads secrets with or without the whsec_ prefix, keyed by their base64-decoded bytes', () => {
    const req = request(headersFrom(NEXT_SECRET));
    expect(() => scheme.verify(req, [SECRET, NEXT_SECRET.slice('whsec_'.length)], NOW_MS)).not.toThrow();
    const wrongKey = createHmac('sha256', SECRET).update(`${ID}.${NOW_S}.${RAW}`).digest('base64');
    const textKeyed = request({ 'webhook-id': ID, 'webhook-timestamp': String(NOW_S), 'webhook-signature': `v1,${wrongKey}` });
    expect(() => scheme.verify(textKeyed, [SECRET], NOW_MS)).toThrow(noMatch);
  });

  it('refuses timestamps beyond 300 s as the reference library does', () => {
    atNow(() => {
      expect(() => new StandardWebhook(SECRET).verify(RAW, headersFrom(SECRET, NOW_S - 301))).toThrow('Message timestamp too old');
      expect(() => new StandardWebhook(SECRET).verify(RAW, headersFrom(SECRET, NOW_S + 301))).toThrow('Message timestamp too new');
    });
    expect(() => scheme.verify(request(headersFrom(SECRET, NOW_S - 301)), [SECRET], NOW_MS)).toThrow(new WebhookVerificationError('Message timestamp too old'));
    expect(() => scheme.verify(request(headersFrom(SECRET, NOW_S + 301)), [SECRET], NOW_MS)).toThrow(new WebhookVerificationError('Message timestamp too new'));
  });
});
