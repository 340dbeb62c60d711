import type { ResolvedJwtAuth } from './auth-options.resolver.js';
import type { OutgoingAuth } from './auth-strategy.interface.js';
import { CredentialStrategy } from './credential.strategy.js';
import { signJwt, timedClaims } from './jwt-signer.js';
import { resolveCredential } from './static-credentials.js';

interface SignedToken {
  readonly jwt: string;
  readonly expiresAt: number;
}

/**
 * Signs a JWT (HS256/RS256) and sends it as a bearer token, reusing it until shortly before it
 * expires; signing is local, so the cache lives in the process.
 */
export class JwtStrategy extends CredentialStrategy<ResolvedJwtAuth> {
  readonly type = 'jwt';
  private cached: SignedToken | undefined;

  async apply(target: OutgoingAuth): Promise<void> {
    if (!this.cached || Date.now() >= this.cached.expiresAt - this.options.refreshBeforeExpiryMs) this.cached = await this.sign();
    target.headers.authorization = `Bearer ${this.cached.jwt}`;
  }

  async refresh(sent: OutgoingAuth): Promise<boolean> {
    // A refused token is signed again (new iat and jti, the key re-read in case it rotated).
    this.ctx.secrets.invalidate(this.options.key);
    if (this.cached && sent.headers.authorization === `Bearer ${this.cached.jwt}`) this.cached = undefined;
    return true;
  }

  private async sign(): Promise<SignedToken> {
    const { algorithm, keyId, expiresInSeconds } = this.options;
    const key = await resolveCredential(this.ctx, this.options.key);
    const now = Date.now();
    const jwt = signJwt({ algorithm, key, claims: timedClaims(this.options.claims, now, expiresInSeconds), ...(keyId && { keyId }) });
    this.ctx.redactor.add(jwt);
    return { jwt, expiresAt: now + expiresInSeconds * 1000 };
  }
}
