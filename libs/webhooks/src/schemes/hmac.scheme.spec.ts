import { createHash, createHmac } from 'node:crypto';
import { WebhookConfigurationError } from '../errors/webhook-configuration.error.js';
import { WebhookVerificationError } from '../errors/webhook-verification.error.js';
import type { WebhookRequest } from '../interfaces/webhook-scheme.interface.js';
import { hmacScheme } from './hmac.scheme.js';

// Sign/verify round trip, tampering, rotation and missing or malformed headers: scheme-conformance.spec.ts.
const SECRET = 'helpdesk-secret-7d6c5b4a';
const TICKET = { id: 'tkt_991', event_type: 'ticket.created', ticket: { id: 991, subject: 'Résumé ✓', tags: ['vip'] }, meta: { delivery: 'd-77', kind: 'ticket.updated' } };
const RAW = JSON.stringify(TICKET);

const request = (headers: Record<string, string>, raw = RAW): WebhookRequest => ({ rawBody: Buffer.from(raw), headers });
const digest = (secret: string, encoding: 'hex' | 'base64', raw = RAW) => createHmac('sha256', secret).update(raw).digest(encoding);

describe('hmacScheme', () => {
  const scheme = hmacScheme();

  it('reads a hex digest from x-signature by default, with or without sha256=, and signs it unprefixed', () => {
    expect(scheme.sign(SECRET, { raw: RAW, timestamp: 0 })).toEqual({ 'content-type': 'application/json', 'x-signature': digest(SECRET, 'hex') });
    expect(() => scheme.verify(request({ 'x-signature': `sha256=${digest(SECRET, 'hex')}` }), [SECRET], 0)).not.toThrow();
    expect(() => scheme.verify(request({ 'x-hub-signature-256': `sha256=${digest(SECRET, 'hex')}` }), [SECRET], 0)).toThrow(
      new WebhookVerificationError('Missing signature header'),
    );
    expect(scheme.signatureHeaders).toEqual(['x-signature']);
  });

  it('signs and reads base64 in a configured header (any case), from the same options', () => {
    const custom = hmacScheme({ header: 'X-Helpdesk-Signature', encoding: 'base64' });
    expect(custom.signatureHeaders).toEqual(['x-helpdesk-signature']);
    expect(custom.sign(SECRET, { raw: RAW, timestamp: 0 })['x-helpdesk-signature']).toBe(digest(SECRET, 'base64'));
    expect(() => custom.verify(request({ 'x-helpdesk-signature': `sha256=${digest(SECRET, 'base64')}` }), [SECRET], 0)).not.toThrow();
    expect(() => custom.verify(request({ 'x-helpdesk-signature': digest(SECRET, 'hex') }), [SECRET], 0)).toThrow(
      new WebhookVerificationError('Invalid signature header'),
    );
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

  it('rejects bad options at startup, naming the option', () => {
    const refused: Array<[Parameters<typeof hmacScheme>[0], string]> = [
      [{ header: ' ' }, 'Scheme "hmac-sha256": header must be a header name.'],
      [{ idHeader: '' }, 'Scheme "hmac-sha256": idHeader must be a header name.'],
      [{ idPath: 'a..b' }, 'Scheme "hmac-sha256": idPath "a..b" is not a dotted path such as "data.id".'],
      [{ typePath: '' }, 'Scheme "hmac-sha256": typePath "" is not a dotted path such as "data.id".'],
      [{ encoding: 'base32' as 'hex' }, `Scheme "hmac-sha256": encoding must be 'hex' or 'base64' (got base32).`],
      [{ encoding: 'toString' as 'hex' }, `Scheme "hmac-sha256": encoding must be 'hex' or 'base64' (got toString).`],
    ];
    for (const [options, message] of refused) expect(() => hmacScheme(options)).toThrow(new WebhookConfigurationError(message));
  });
});
