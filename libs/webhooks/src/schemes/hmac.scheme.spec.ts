import { createHash, createHmac } from 'node:crypto';
import { WebhookConfigurationError } from '../errors/webhook-configuration.error.js';
import { WebhookVerificationError } from '../errors/webhook-verification.error.js';
import type { WebhookRequest } from '../interfaces/webhook-scheme.interface.js';
import { signWebhook } from '../signing/sign-webhook.js';
import { hmacScheme } from './hmac.scheme.js';

const SECRET = 'helpdesk-secret-7d6c5b4a';
const NEXT_SECRET = 'helpdesk-secret-next-1a2b';
const TICKET = { id: 'tkt_991', event_type: 'ticket.created', ticket: { id: 991, subject: 'Résumé ✓', tags: ['vip'] }, meta: { delivery: 'd-77', kind: 'ticket.updated' } };
const RAW = JSON.stringify(TICKET);

const request = (headers: Record<string, string>, raw = RAW): WebhookRequest => ({ rawBody: Buffer.from(raw), headers });
const digest = (secret: string, encoding: 'hex' | 'base64', raw = RAW) => createHmac('sha256', secret).update(raw).digest(encoding);

function rejection(verify: () => void): string {
  try {
    verify();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return (error as Error).message;
  }
  return 'accepted';
}

describe('hmacScheme', () => {
  const scheme = hmacScheme();

  it('accepts a hex digest in x-signature (default), with or without sha256=, and reads id and event_type', () => {
    const req = request(signWebhook('hmac-sha256', SECRET, TICKET));
    expect(rejection(() => scheme.verify(req, [SECRET], 0))).toBe('accepted');
    expect(rejection(() => scheme.verify(request({ 'x-signature': `sha256=${digest(SECRET, 'hex')}` }), [SECRET], 0))).toBe('accepted');
    expect(scheme.eventId(req, TICKET)).toBe('tkt_991');
    expect(scheme.eventType(req, TICKET)).toBe('ticket.created');
    expect(scheme.signatureHeaders).toEqual(['x-signature']);
  });

  it('says why it rejects: missing, malformed, wrong secret, tampered body', () => {
    const reason = (headers: Record<string, string>, raw = RAW) => rejection(() => scheme.verify(request(headers, raw), [SECRET], 0));
    expect(reason({})).toBe('Missing signature header');
    expect(reason({ 'x-hub-signature-256': `sha256=${digest(SECRET, 'hex')}` })).toBe('Missing signature header');
    for (const malformed of [digest(SECRET, 'base64'), `sha1=${digest(SECRET, 'hex')}`, 'sha256=', digest(SECRET, 'hex').slice(1)]) {
      expect(reason({ 'x-signature': malformed })).toBe('Invalid signature header');
    }
    expect(reason({ 'x-signature': digest('wrong', 'hex') })).toBe('No matching signature');
    expect(reason({ 'x-signature': digest(SECRET, 'hex') }, RAW.replace('vip', 'vvip'))).toBe('No matching signature');
  });

  it('accepts any configured secret (rotation)', () => {
    const req = request({ 'x-signature': digest(NEXT_SECRET, 'hex') });
    expect(rejection(() => scheme.verify(req, [SECRET, NEXT_SECRET], 0))).toBe('accepted');
    expect(rejection(() => scheme.verify(req, [SECRET], 0))).toBe('No matching signature');
  });

  it('reads a base64 digest from a configured header (any case)', () => {
    const custom = hmacScheme({ header: 'X-Helpdesk-Signature', encoding: 'base64' });
    expect(custom.signatureHeaders).toEqual(['x-helpdesk-signature']);
    const headers = signWebhook('hmac-sha256', SECRET, TICKET, { header: 'X-Helpdesk-Signature', encoding: 'base64' });
    expect(headers['x-helpdesk-signature']).toBe(digest(SECRET, 'base64'));
    expect(rejection(() => custom.verify(request(headers), [SECRET], 0))).toBe('accepted');
    expect(rejection(() => custom.verify(request({ 'x-helpdesk-signature': `sha256=${digest(SECRET, 'base64')}` }), [SECRET], 0))).toBe('accepted');
    expect(rejection(() => custom.verify(request({ 'x-helpdesk-signature': digest(SECRET, 'hex') }), [SECRET], 0))).toBe('Invalid signature header');
  });

  it('reads id and type from dotted paths, numbers included', () => {
    const custom = hmacScheme({ idPath: 'ticket.id', typePath: 'meta.kind' });
    expect(custom.eventId(request({}), TICKET)).toBe('991');
    expect(custom.eventType(request({}), TICKET)).toBe('ticket.updated');
    expect(hmacScheme({ idPath: 'ticket.tags.0' }).eventId(request({}), TICKET)).toBe('vip');
  });

  it('prefers idHeader and typeHeader over the body', () => {
    const custom = hmacScheme({ idHeader: 'X-Delivery-Id', typeHeader: 'x-event' });
    const req = request({ 'x-delivery-id': 'hdr-1', 'x-event': 'ticket.closed' });
    expect(custom.eventId(req, TICKET)).toBe('hdr-1');
    expect(custom.eventType(req, TICKET)).toBe('ticket.closed');
    expect(custom.eventId(request({}), TICKET)).toBe('tkt_991');
    expect(custom.eventType(request({}), TICKET)).toBe('ticket.created');
  });

  it('falls back to the sha256 of the raw body when the id is absent, so identical retries de-duplicate', () => {
    const body = { event_type: 'ping', nested: { id: 'not-top-level' } };
    const raw = JSON.stringify(body);
    const id = scheme.eventId(request({}, raw), body);
    expect(id).toBe(createHash('sha256').update(raw).digest('hex'));
    expect(scheme.eventId(request({}, raw), JSON.parse(raw))).toBe(id);
    expect(scheme.eventId(request({}, `${raw} `), body)).not.toBe(id);
    expect(scheme.eventId(request({}, '[1]'), [1])).toBe(createHash('sha256').update('[1]').digest('hex'));
    expect(scheme.eventType(request({}, '[1]'), [1])).toBeUndefined();
  });

  it('rejects bad options at startup', () => {
    expect(() => hmacScheme({ header: ' ' })).toThrow(WebhookConfigurationError);
    expect(() => hmacScheme({ idPath: 'a..b' })).toThrow(WebhookConfigurationError);
    expect(() => hmacScheme({ typePath: '' })).toThrow(WebhookConfigurationError);
    expect(() => hmacScheme({ encoding: 'base32' as 'hex' })).toThrow(/encoding/);
  });
});
