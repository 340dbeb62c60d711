import { inspect } from 'node:util';
import { ConnectorHttpError } from '../errors/connector-http.error.js';
import { Redactor } from './redactor.js';

const SECRET = 'sk_live_0123456789abcdef';

describe('Redactor', () => {
  const redactor = new Redactor();
  redactor.add(SECRET);
  redactor.add('pw');

  it('scrubs every occurrence of a value of 8 characters or more, even inside a word', () => {
    expect(redactor.scrub(`a ${SECRET} b ${SECRET}`)).toBe('a [REDACTED] b [REDACTED]');
    expect(redactor.scrub(`x${SECRET}y`)).toBe('x[REDACTED]y');
  });

  // A short secret is masked where it stands alone; inside a longer word, host or path it is left,
  // so a password like "pw" does not turn every "pwd" or "pw.example.com" into noise.
  it.each([
    ['password=pw&user=x', 'password=[REDACTED]&user=x'],
    ['{"password":"pw"}', '{"password":"[REDACTED]"}'],
    ['Bad credentials: pw.', 'Bad credentials: [REDACTED].'],
    ['user%3Apw', 'user%3A[REDACTED]'],
    ['Authorization: Basic cHc=', 'Authorization: Basic [REDACTED]'],
    ['pwd is not pw_2 nor pw.example.com nor a.pw', 'pwd is not pw_2 nor pw.example.com nor a.pw'],
  ])('scrubs a short secret only where it stands alone: %s', (text, scrubbed) => {
    expect(redactor.scrub(text)).toBe(scrubbed);
  });

  // What a careless token endpoint echoes of "CLIENT/SECRET+ABCD=" and friends.
  const encoded = new Redactor();
  const CLIENT_SECRET = 'CLIENT/SECRET+ABCD=';
  encoded.add(CLIENT_SECRET);
  encoded.add('pässwörd "quoted" ~ (x)!');
  it.each([
    ['a form body', 'client_secret=CLIENT%2FSECRET%2BABCD%3D&grant_type=x', 'client_secret=[REDACTED]&grant_type=x'],
    ['lower-case percent escapes', 'client_secret=CLIENT%2fSECRET%2bABCD%3d', 'client_secret=[REDACTED]'],
    ['a query string (encodeURIComponent)', '?p=p%C3%A4ssw%C3%B6rd%20%22quoted%22%20~%20(x)!', '?p=[REDACTED]'],
    ['a form body (space as +, ~()! escaped)', 'p=p%C3%A4ssw%C3%B6rd+%22quoted%22+%7E+%28x%29%21', 'p=[REDACTED]'],
    ['JSON', '{"p":"pässwörd \\"quoted\\" ~ (x)!"}', '{"p":"[REDACTED]"}'],
    ['JSON with escaped slashes', '{"p":"CLIENT\\/SECRET+ABCD="}', '{"p":"[REDACTED]"}'],
    ['ASCII-only JSON', '{"p":"p\\u00e4ssw\\u00F6rd \\"quoted\\" ~ (x)!"}', '{"p":"[REDACTED]"}'],
    ['Base64', `Basic ${Buffer.from(CLIENT_SECRET).toString('base64')}`, 'Basic [REDACTED]'],
    ['Base64url', `t=${Buffer.from(CLIENT_SECRET).toString('base64url')}`, 't=[REDACTED]'],
  ])('scrubs a secret echoed in %s', (_, text, scrubbed) => {
    expect(encoded.scrub(text)).toBe(scrubbed);
  });

  it('forgets the least recently used value past 64, never one still in use', () => {
    const r = new Redactor();
    r.add(SECRET);
    for (let i = 0; i < 100; i++) {
      r.add(`rotated-access-token-${i}`);
      r.add(SECRET); // a static credential is added again on every call
    }
    expect(r.scrub(`${SECRET} rotated-access-token-99 rotated-access-token-0`)).toBe('[REDACTED] [REDACTED] rotated-access-token-0');
  });

  it('returns an error untouched when no secret is in it', () => {
    const error = new Error('nothing here', { cause: new Error('nor here') });
    expect(redactor.scrubError(error)).toBe(error);
  });

  it('copies an error with a secret anywhere — message, stack, hidden properties, the cause chain — keeping its class', () => {
    const root = Object.assign(new Error(`socket said ${SECRET}`), { code: 'ECONNRESET' });
    Object.defineProperty(root, 'hidden', { value: { header: `Bearer ${SECRET}` }, enumerable: false });
    const middle = new TypeError('fetch failed', { cause: root });
    const error = new ConnectorHttpError({ connector: 'c', service: 'rest', method: 'GET', endpoint: '/x', attempts: 1, body: { echo: [SECRET] }, cause: middle }, `failed with ${SECRET}`);
    const safe = redactor.scrubError(error);
    expect(safe).not.toBe(error);
    expect(safe).toBeInstanceOf(ConnectorHttpError);
    expect(safe).toMatchObject({ name: 'ConnectorHttpError', connector: 'c', attempts: 1, isNetworkError: true, message: 'failed with [REDACTED]' });
    expect(safe.cause).toBeInstanceOf(TypeError);
    expect((safe.cause as Error).cause).toMatchObject({ code: 'ECONNRESET', message: 'socket said [REDACTED]' });
    expect(inspect(safe, { showHidden: true, depth: 20 })).not.toContain(SECRET);
    expect(inspect(error, { showHidden: true, depth: 20 })).toContain(SECRET);
  });

  it('survives cycles and leaves opaque objects alone', () => {
    const error = new Error(SECRET) as Error & { self?: unknown; buffer?: Buffer };
    error.self = error;
    error.buffer = Buffer.from('bytes');
    const safe = redactor.scrubError(error) as typeof error;
    expect(safe.message).toBe('[REDACTED]');
    expect(safe.self).toBe(safe);
    expect(safe.buffer).toBe(error.buffer);
  });
});
