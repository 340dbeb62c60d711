import { createHmac, createPrivateKey, randomUUID, sign } from 'node:crypto';

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** What to sign: algorithm, key, the claims and the header's `kid`. */
export interface JwtInput {
  readonly algorithm: 'HS256' | 'RS256';
  /** HS256 shared secret, or RS256 PEM private key. */
  readonly key: string;
  readonly claims: Readonly<Record<string, unknown>>;
  readonly keyId?: string;
}

/** A compact JWS (RFC 7515/7519) signed with node:crypto: HMAC-SHA256 or RSASSA-PKCS1-v1_5 SHA-256. */
export function signJwt(input: JwtInput): string {
  const header = { alg: input.algorithm, typ: 'JWT', ...(input.keyId && { kid: input.keyId }) };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(input.claims))}`;
  const signature =
    input.algorithm === 'HS256'
      ? createHmac('sha256', input.key).update(signingInput).digest()
      : sign('sha256', Buffer.from(signingInput), createPrivateKey(input.key));
  return `${signingInput}.${base64url(signature)}`;
}

/** Claims with `iat`, `exp` and a fresh `jti` added (the given claims win, except those three). */
export function timedClaims(claims: Readonly<Record<string, unknown>>, nowMs: number, lifetimeSeconds: number): Record<string, unknown> {
  const iat = Math.floor(nowMs / 1000);
  return { ...claims, iat, exp: iat + lifetimeSeconds, jti: randomUUID() };
}
