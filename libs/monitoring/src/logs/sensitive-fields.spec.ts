import { isSensitiveName, redactFields } from './sensitive-fields.js';

describe('isSensitiveName', () => {
  it.each([
    'authorization', 'Authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-hub-signature-256', 'x-slack-signature',
    'x-shopify-hmac-sha256', 'stripe-signature', 'svix-signature', 'webhook-signature', 'x-api-key', 'x-shopify-access-token',
    'token', 'access_token', 'refreshToken', 'clientSecret', 'client_secret', 'password', 'apiKey', 'api_key', 'privateKey', 'secret', 'credentials',
  ])('%s holds a credential', (name) => expect(isSensitiveName(name)).toBe(true));

  it.each(['tokens_in', 'tokens_out', 'event_id', 'correlation_id', 'webhook-id', 'content-type', 'keyPrefix', 'monkey', 'secretary', 'duration_ms'])(
    '%s does not',
    (name) => expect(isSensitiveName(name)).toBe(false),
  );
});

describe('redactFields', () => {
  it('returns the same object, uncopied, when nothing is sensitive', () => {
    const fields = { event: 'ai.call', tokens_in: 3, nested: { a: [1, { b: 2 }] } };
    expect(redactFields(fields)).toBe(fields);
  });

  it('censors credential fields down to three levels, in arrays too, without touching the original', () => {
    const fields = { a: 1, token: 't0ken', headers: { Authorization: 'Bearer x', 'x-hub-signature-256': 'sha256=y', accept: '*/*' }, auth: [{ type: 'bearer', token: 'z' }], deep: { l1: { l2: { password: 'p' } } } };
    const copy = structuredClone(fields);
    expect(redactFields(fields)).toEqual({
      a: 1, token: '[REDACTED]', headers: { Authorization: '[REDACTED]', 'x-hub-signature-256': '[REDACTED]', accept: '*/*' },
      auth: [{ type: 'bearer', token: '[REDACTED]' }], deep: { l1: { l2: { password: '[REDACTED]' } } },
    });
    expect(fields).toEqual(copy);
  });

  it('keeps absent credentials absent, and leaves class instances (requests, errors) to their serializers', () => {
    const error = Object.assign(new Error('boom'), { token: 'inside-an-error' });
    expect(redactFields({ token: undefined, secret: null, err: error })).toEqual({ token: undefined, secret: null, err: error });
  });

  it('stops at depth 0 for a headers object', () => {
    expect(redactFields({ cookie: 'a=b', nested: { cookie: 'c=d' } }, 0)).toEqual({ cookie: '[REDACTED]', nested: { cookie: 'c=d' } });
  });
});
