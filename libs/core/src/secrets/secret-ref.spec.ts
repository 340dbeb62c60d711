import { inspect } from 'node:util';
import { env, isSecretRef } from './secret-ref.js';

describe('env()', () => {
  it('makes a reference that names the secret and never looks like a value', () => {
    const ref = env('ADMIN_PASSWORD');
    expect(isSecretRef(ref)).toBe(true);
    expect(ref.name).toBe('ADMIN_PASSWORD');
    expect(JSON.stringify({ ref })).toBe('{"ref":"env(ADMIN_PASSWORD)"}');
    expect(String(ref)).toBe('env(ADMIN_PASSWORD)');
    expect(inspect(ref)).toBe('env(ADMIN_PASSWORD)');
    expect(Object.isFrozen(ref)).toBe(true);
  });

  it('is recognised by the marker alone, so references from another copy of the package count', () => {
    expect(isSecretRef({ [Symbol.for('aiwire.connectors.secretRef')]: true, name: 'X' })).toBe(true);
    expect(isSecretRef('env(X)')).toBe(false);
    expect(isSecretRef({ name: 'X' })).toBe(false);
    expect(isSecretRef(null)).toBe(false);
  });

  it('refuses an empty name', () => {
    expect(() => env('  ')).toThrow(new TypeError('env(name): the secret name must be a non-empty string'));
  });
});
