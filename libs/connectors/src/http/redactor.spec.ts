import { inspect } from 'node:util';
import { ConnectorHttpError } from '../errors/connector-http.error.js';
import { Redactor } from './redactor.js';

const SECRET = 'sk_live_0123456789abcdef';

describe('Redactor', () => {
  const redactor = new Redactor();
  redactor.add(SECRET);
  redactor.add('short');

  it('scrubs every occurrence of a known value, but not values shorter than 8 characters', () => {
    expect(redactor.scrub(`a ${SECRET} b ${SECRET}`)).toBe('a [REDACTED] b [REDACTED]');
    expect(redactor.scrub('a short word')).toBe('a short word');
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
