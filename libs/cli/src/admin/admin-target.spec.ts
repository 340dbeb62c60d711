import { CliUsageError } from '../errors.js';
import { adminTarget } from './admin-target.js';

describe('adminTarget', () => {
  it('takes the admin URL as given, or the app URL plus /admin; --url wins over AIWIRE_URL', () => {
    expect(adminTarget({ url: 'http://localhost:3000/admin/' }, {}).base).toBe('http://localhost:3000/admin');
    expect(adminTarget({ url: 'http://localhost:3000' }, {}).base).toBe('http://localhost:3000/admin');
    expect(adminTarget({ url: 'https://ops.example.com/api/ops' }, {}).base).toBe('https://ops.example.com/api/ops');
    expect(adminTarget({}, { AIWIRE_URL: 'http://127.0.0.1:4000' }).base).toBe('http://127.0.0.1:4000/admin');
    expect(adminTarget({ url: 'http://a:1' }, { AIWIRE_URL: 'http://b:2' }).base).toBe('http://a:1/admin');
  });

  it('builds basic auth from the user (flag or env) and the password from the environment only', () => {
    const expected = `Basic ${Buffer.from('ops:pw 1').toString('base64')}`;
    expect(adminTarget({ url: 'http://a:1' }, { AIWIRE_ADMIN_USER: 'ops', AIWIRE_ADMIN_PASSWORD: 'pw 1' }).authorization).toBe(expected);
    expect(adminTarget({ url: 'http://a:1', user: 'ops' }, { AIWIRE_ADMIN_USER: 'other', AIWIRE_ADMIN_PASSWORD: 'pw 1' }).authorization).toBe(expected);
    expect(adminTarget({ url: 'http://a:1' }, {}).authorization).toBeUndefined();
  });

  it.each([
    [{}, {}, "give the app's admin URL"],
    [{ url: 'localhost:3000' }, {}, '--url is not an http(s) URL'],
    [{ url: 'ftp://host/admin' }, {}, '--url is not an http(s) URL'],
    [{ url: 'http://ops:s3cret@host/admin' }, {}, 'not in the URL'],
    [{ url: 'http://a:1', user: 'ops' }, {}, 'AIWIRE_ADMIN_PASSWORD is not set'],
    [{ url: 'http://a:1' }, { AIWIRE_ADMIN_PASSWORD: 's3cret' }, 'no user'],
  ])('refuses %j %j with a usage error that never repeats a password', (flags, env, message) => {
    const error = (() => {
      try {
        adminTarget(flags, env);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(CliUsageError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('s3cret');
  });
});
