import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { signJwt, timedClaims } from './jwt-signer.js';
import { TokenCipher } from './token-cipher.js';

describe('jwt signer and token cipher', () => {
  it('signs HS256 exactly as RFC 7519 implementations do (jwt.io reference token)', () => {
    const token = signJwt({ algorithm: 'HS256', key: 'your-256-bit-secret', claims: { sub: '1234567890', name: 'John Doe', iat: 1516239022 } });
    expect(token).toBe(
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    );
  });

  it('signs RS256 verifiably with the public key, with kid in the header', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const token = signJwt({ algorithm: 'RS256', key: pem, claims: { sub: 'svc' }, keyId: 'key-1' });
    const [h, c, s] = token.split('.');
    expect(JSON.parse(Buffer.from(h!, 'base64url').toString())).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'key-1' });
    expect(verify('sha256', Buffer.from(`${h}.${c}`), createPublicKey(publicKey.export({ type: 'spki', format: 'pem' })), Buffer.from(s!, 'base64url'))).toBe(true);
  });

  it('adds iat, exp and a fresh jti', () => {
    const a = timedClaims({ iss: 'me', exp: 1 }, 1_700_000_000_500, 600);
    expect(a).toMatchObject({ iss: 'me', iat: 1_700_000_000, exp: 1_700_000_600 });
    expect(a.jti).not.toBe(timedClaims({}, 0, 1).jti);
  });

  it('encrypts with AES-256-GCM under a passphrase; a wrong key or tampering reads as absent', async () => {
    const cipher = new TokenCipher(async () => 'passphrase');
    const sealed = await cipher.encrypt('{"accessToken":"at_123"}');
    expect(sealed).toMatch(/^enc:v1:/);
    expect(sealed).not.toContain('at_123');
    expect(await cipher.decrypt(sealed)).toBe('{"accessToken":"at_123"}');
    expect(await new TokenCipher(async () => 'other').decrypt(sealed)).toBeUndefined();
    const tampered = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(await cipher.decrypt(tampered)).toBeUndefined();
    // A key added later cannot read plain values, and plain stores cannot read sealed ones.
    expect(await cipher.decrypt('{"plain":true}')).toBeUndefined();
    const plain = new TokenCipher(async () => undefined);
    expect(await plain.encrypt('x')).toBe('x');
    expect(await plain.decrypt(sealed)).toBeUndefined();
  });
});
