import type { JwtAuthOptions } from '../interfaces/auth-options.interface.js';
import type { AuthContext, AuthStrategy, OutgoingAuth } from './auth-strategy.interface.js';
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
export class JwtStrategy implements AuthStrategy {
  readonly type = 'jwt';
  readonly sensitiveQuery: readonly string[] = [];
  private cached: SignedToken | undefined;

  constructor(
    private readonly ctx: AuthContext,
    private readonly options: JwtAuthOptions,
  ) {}

  async apply(target: OutgoingAuth): Promise<void> {
    const margin = this.options.refreshBeforeExpiryMs ?? 60_000;
    if (!this.cached || Date.now() >= this.cached.expiresAt - margin) this.cached = await this.sign();
    target.headers.authorization = `Bearer ${this.cached.jwt}`;
  }

  async refresh(sent: OutgoingAuth): Promise<boolean> {
    // A refused token is signed again (new iat and jti, the key re-read in case it rotated).
    const secret = this.options.algorithm === 'HS256' ? this.options.secret : this.options.privateKey;
    if (secret !== undefined) this.ctx.secrets.invalidate(secret);
    if (this.cached && sent.headers.authorization === `Bearer ${this.cached.jwt}`) this.cached = undefined;
    return true;
  }

  private async sign(): Promise<SignedToken> {
    const { algorithm, keyId } = this.options;
    const secret = algorithm === 'HS256' ? this.options.secret : this.options.privateKey;
    const key = await resolveCredential(this.ctx, secret ?? '');
    const lifetime = this.options.expiresInSeconds ?? 3600;
    const now = Date.now();
    const jwt = signJwt({ algorithm, key, claims: timedClaims(this.options.claims ?? {}, now, lifetime), ...(keyId && { keyId }) });
    this.ctx.redactor.add(jwt);
    return { jwt, expiresAt: now + lifetime * 1000 };
  }
}
