import { withRedactedRedisErrors, type RedisClient } from '@aiwire/core';
import type { TokenCipher } from './token-cipher.js';

/** An access token as cached in Redis (encrypted when the module has an encryption key). */
export interface TokenRecord {
  readonly accessToken: string;
  readonly tokenType: string;
  /** When it was obtained, epoch ms (with `expiresAt`, its lifetime). */
  readonly obtainedAt: number;
  /** When the provider stops accepting it, epoch ms. */
  readonly expiresAt: number;
  readonly scope?: string;
}

/** A failed refresh, kept for the cooldown so no process hammers the token endpoint. */
export interface RefreshFailure {
  readonly code: string;
  readonly status?: number;
  /** The endpoint's description, already free of credentials. */
  readonly description?: string;
  readonly at: number;
  readonly until: number;
}

/**
 * The Redis side of one OAuth connection: `…:token` (expires with the token), `…:refresh-token`
 * (a rotated refresh token, kept without expiry), `…:cooldown` and `…:lock`. A refused write fails
 * without its arguments: ioredis puts them on its errors, and they hold the tokens.
 */
export class OAuth2TokenStore {
  readonly lockKey: string;

  constructor(
    private readonly redis: RedisClient,
    private readonly cipher: TokenCipher,
    private readonly base: string,
  ) {
    this.lockKey = `${base}:lock`;
  }

  async readToken(): Promise<TokenRecord | undefined> {
    return this.readJson<TokenRecord>('token');
  }

  async saveToken(record: TokenRecord): Promise<void> {
    const ttl = Math.max(1, record.expiresAt - Date.now());
    await withRedactedRedisErrors(this.redis.set(`${this.base}:token`, await this.cipher.encrypt(JSON.stringify(record)), 'PX', ttl));
  }

  async readRefreshToken(): Promise<string | undefined> {
    const stored = await this.redis.get(`${this.base}:refresh-token`);
    return stored === null ? undefined : this.cipher.decrypt(stored);
  }

  async saveRefreshToken(token: string): Promise<void> {
    await withRedactedRedisErrors(this.redis.set(`${this.base}:refresh-token`, await this.cipher.encrypt(token)));
  }

  async readFailure(): Promise<RefreshFailure | undefined> {
    const raw = await this.redis.get(`${this.base}:cooldown`);
    return raw === null ? undefined : (JSON.parse(raw) as RefreshFailure);
  }

  async saveFailure(failure: RefreshFailure): Promise<void> {
    await withRedactedRedisErrors(this.redis.set(`${this.base}:cooldown`, JSON.stringify(failure), 'PX', Math.max(1, failure.until - failure.at)));
  }

  private async readJson<T>(suffix: string): Promise<T | undefined> {
    const stored = await this.redis.get(`${this.base}:${suffix}`);
    if (stored === null) return undefined;
    const plain = await this.cipher.decrypt(stored);
    // Unreadable (encryption key changed or added): treated as absent, so a new token is fetched.
    return plain === undefined ? undefined : (JSON.parse(plain) as T);
  }
}
