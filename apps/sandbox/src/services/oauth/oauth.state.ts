import { base62 } from '../../http/ids.js';

export type GrantType = 'client_credentials' | 'refresh_token';

export interface IssuedAccessToken {
  readonly accessToken: string;
  readonly clientId: string;
  readonly grant: GrantType;
  readonly scope?: string;
  readonly issuedAt: number;
  /** ms since the epoch; tokens are refused from this instant. */
  expiresAt: number;
}

export interface RefreshTokenRecord {
  readonly clientId: string;
  readonly scope?: string;
  readonly issuedAt: number;
  /** Set when rotation replaced it or a test revoked it. */
  revoked: boolean;
}

/** One call to the token endpoint (credentials are never kept). */
export interface TokenRequestRecord {
  readonly grantType: string;
  readonly clientId?: string;
  readonly status: number;
  readonly error?: string;
  readonly at: number;
}

export type AccessTokenCheck =
  | { readonly valid: true; readonly token: IssuedAccessToken }
  | { readonly valid: false; readonly reason: 'unknown' }
  | { readonly valid: false; readonly reason: 'expired'; readonly expiredAt: number };

/** The authorization server: registered clients, tokens issued, and every token request. */
export class OAuthState {
  readonly settings: { accessTokenTtlSeconds: number; rotateRefreshTokens: boolean };
  readonly clients = new Map<string, string>();
  readonly accessTokens = new Map<string, IssuedAccessToken>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly requests: TokenRequestRecord[] = [];

  constructor(settings: { accessTokenTtlSeconds: number; rotateRefreshTokens: boolean }) {
    this.settings = { ...settings };
  }

  addClient(clientId: string, clientSecret: string): void {
    this.clients.set(clientId, clientSecret);
  }

  /** Successful token responses, optionally for one grant: what "exactly one refresh" is asserted on. */
  issuedCount(grant?: GrantType): number {
    return this.requests.filter((r) => r.status === 200 && (!grant || r.grantType === grant)).length;
  }

  issueRefreshToken(clientId: string, scope?: string, value = `sbx_rt_${base62(40)}`): string {
    this.refreshTokens.set(value, { clientId, issuedAt: Date.now(), revoked: false, ...(scope && { scope }) });
    return value;
  }

  issueAccessToken(clientId: string, grant: GrantType, scope?: string): IssuedAccessToken {
    const issuedAt = Date.now();
    const token: IssuedAccessToken = {
      accessToken: `sbx_at_${base62(40)}`,
      clientId,
      grant,
      issuedAt,
      expiresAt: issuedAt + this.settings.accessTokenTtlSeconds * 1000,
      ...(scope && { scope }),
    };
    this.accessTokens.set(token.accessToken, token);
    return token;
  }

  checkAccessToken(value: string, now = Date.now()): AccessTokenCheck {
    const token = this.accessTokens.get(value);
    if (!token) return { valid: false, reason: 'unknown' };
    if (now >= token.expiresAt) return { valid: false, reason: 'expired', expiredAt: token.expiresAt };
    return { valid: true, token };
  }

  /** Makes every access token issued so far expired (the next API call gets 401). */
  expireAccessTokens(now = Date.now()): void {
    for (const token of this.accessTokens.values()) token.expiresAt = Math.min(token.expiresAt, now - 1);
  }

  revokeRefreshToken(value: string): void {
    const record = this.refreshTokens.get(value);
    if (record) record.revoked = true;
  }
}
