import { sha256 } from './admin.options.js';
import { matchesBasicAuth, parseBasicAuth } from './basic-auth.js';

const expected = { user: sha256('ops'), password: sha256('p:ss wörd') };
const header = (raw: string) => `Basic ${Buffer.from(raw, 'utf8').toString('base64')}`;

describe('basic auth', () => {
  it('accepts the exact user and password; the password may hold colons and any UTF-8', () => {
    expect(matchesBasicAuth(header('ops:p:ss wörd'), expected)).toBe(true);
    expect(matchesBasicAuth(`basic   ${Buffer.from('ops:p:ss wörd').toString('base64')}`, expected)).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['several headers', [header('ops:p:ss wörd'), header('ops:p:ss wörd')]],
    ['a wrong password', header('ops:p:ss word')],
    ['a prefix of the password', header('ops:p:ss')],
    ['a wrong user', header('Ops:p:ss wörd')],
    ['no colon', header('opsp:ss wörd')],
    ['an empty header', 'Basic '],
    ['not base64', 'Basic ***'],
    ['another scheme', 'Bearer abc'],
  ])('refuses %s', (_case, value) => {
    expect(matchesBasicAuth(value, expected)).toBe(false);
  });

  it('splits at the first colon', () => {
    expect(parseBasicAuth(header('a:b:c'))).toEqual({ user: 'a', password: 'b:c' });
    expect(parseBasicAuth(header(':'))).toEqual({ user: '', password: '' });
  });
});
