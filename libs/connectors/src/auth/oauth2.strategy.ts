import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { LockTimeoutError, RedisLock } from '@aiwire/core';
import { tokenChannel } from '../connectors.channels.js';
import { messages } from '../connectors.messages.js';
import { AuthError } from '../errors/auth.error.js';
import { ConnectorConfigurationError } from '../errors/connector-configuration.error.js';
import { SecretNotFoundError } from '../errors/secret-not-found.error.js';
import type { OAuth2AuthOptions, OAuth2Grant } from '../interfaces/auth-options.interface.js';
import { describeSecret } from '../secrets/secret.js';
import type { AuthContext, AuthStrategy, OutgoingAuth } from './auth-strategy.interface.js';
import { TokenEndpointError } from './oauth2-token.client.js';
import { obtainToken } from './oauth2-grant.js';
import { resolveTokenUrl } from './oauth2-token-url.js';
import { OAuth2TokenStore, type RefreshFailure, type TokenRecord } from './oauth2-token.store.js';
import { resolveCredential } from './static-credentials.js';

/** A token this close to expiry is not sent any more, even when a refresh fails. */
const EXPIRY_SAFETY_MS = 1_000;

/**
 * OAuth 2.0 client credentials and refresh-token grants, the way Nango manages connections: the
 * token is cached in Redis (and in memory), refreshed ahead of expiry by one process at a time
 * under a Redis lock, a rotated refresh token is saved, and a failed refresh cools down.
 */
export class OAuth2Strategy implements AuthStrategy {
  readonly type = 'oauth2';
  readonly sensitiveQuery: readonly string[] = [];
  private readonly logger = new Logger(OAuth2Strategy.name);
  private readonly lock: RedisLock;
  private readonly grant: OAuth2Grant;
  private readonly lockTtlMs: number;
  private memory: TokenRecord | undefined;
  private store: Promise<OAuth2TokenStore> | undefined;
  private loading: Promise<TokenRecord> | undefined;

  constructor(
    private readonly ctx: AuthContext,
    private readonly options: OAuth2AuthOptions,
  ) {
    this.lock = new RedisLock(ctx.redis);
    this.grant = options.grant ?? (options.refreshToken === undefined ? 'client_credentials' : 'refresh_token');
    // Covers one token request with its retries; a crashed holder blocks others no longer than this.
    this.lockTtlMs = (options.timeoutMs ?? 10_000) * 3 + 5_000;
  }

  async apply(target: OutgoingAuth, signal?: AbortSignal): Promise<void> {
    const token = await this.token(signal).catch((error: unknown) => this.explain(error, signal));
    target.headers.authorization = `${/^bearer$/i.test(token.tokenType) ? 'Bearer' : token.tokenType} ${token.accessToken}`;
  }

  async refresh(sent: OutgoingAuth, signal?: AbortSignal): Promise<boolean> {
    const used = (sent.headers.authorization ?? '').replace(/^\S+\s+/, '');
    this.memory = undefined;
    if (!this.ctx.redisUp()) this.explain(new Error('Redis is reconnecting'), signal);
    const store = await this.storeOf();
    return this.withLock(store, signal, async () => {
      const current = await this.read(store);
      // Another call (or process) already replaced the refused token: use that one.
      if (current && current.accessToken !== used && this.usable(current)) this.memory = current;
      else this.memory = await this.refreshLocked(store, current, true, signal);
      return true;
    }).catch((error: unknown) => this.explain(error, signal));
  }

  /** Redis trouble (token cache, lock) becomes an AuthError that says so; the call is not sent. */
  private explain(error: unknown, signal: AbortSignal | undefined): never {
    if (error instanceof AuthError || error instanceof SecretNotFoundError || error instanceof ConnectorConfigurationError || signal?.aborted) throw error;
    const waited = error instanceof LockTimeoutError;
    const { connector, redactor } = this.ctx;
    throw new AuthError(
      { connector, strategy: this.type, code: waited ? 'refresh_lock_timeout' : 'token_store_unavailable', cause: redactor.scrubError(error) },
      waited ? messages.refreshLockTimeout(connector, this.lockTtlMs) : messages.tokenStoreUnavailable(connector, redactor.scrub(String((error as Error)?.message ?? error))),
    );
  }

  private token(signal?: AbortSignal): Promise<TokenRecord> {
    if (this.memory && !this.due(this.memory)) return Promise.resolve(this.memory);
    // Calls of this process share one lookup (and at most one refresh) instead of each polling the
    // lock; one caller's abort must not fail the others, so each only stops waiting.
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return signal ? untilAborted(this.loading, signal) : this.loading;
  }

  private async load(): Promise<TokenRecord> {
    if (!this.ctx.redisUp()) throw new Error('Redis is reconnecting');
    const store = await this.storeOf();
    const stored = await this.read(store);
    if (stored && !this.due(stored)) return (this.memory = stored);
    if (stored && this.usable(stored)) {
      // Early refresh: whoever holds the lock is on it; keep using the valid token instead of waiting.
      const held = await this.lock.tryAcquire(store.lockKey, this.lockTtlMs);
      if (held === undefined) return (this.memory = stored);
      return this.releasing(store, held, () => this.renew(store));
    }
    return this.withLock(store, undefined, () => this.renew(store));
  }

  /** Holding the lock: another process may have refreshed while we waited. */
  private async renew(store: OAuth2TokenStore): Promise<TokenRecord> {
    const current = await this.read(store);
    this.memory = current && !this.due(current) ? current : await this.refreshLocked(store, current, false);
    return this.memory;
  }

  /** Holding the lock: ask the token endpoint, unless a recent failure is cooling down. */
  private async refreshLocked(store: OAuth2TokenStore, current: TokenRecord | undefined, forced: boolean, signal?: AbortSignal): Promise<TokenRecord> {
    const fallback = !forced && current && this.usable(current) ? current : undefined;
    const failure = await store.readFailure();
    if (failure) {
      tokenChannel.publish({ connector: this.ctx.connector, grant: this.grant, outcome: 'cooldown', durationMs: 0, code: failure.code });
      if (fallback) return fallback;
      const now = Date.now();
      throw new AuthError(
        { connector: this.ctx.connector, strategy: this.type, code: 'refresh_cooldown', retryAfterMs: failure.until - now, ...(failure.status && { status: failure.status }) },
        messages.refreshCoolingDown(this.ctx.connector, failure.code, now - failure.at, failure.until - now),
      );
    }
    const started = Date.now();
    try {
      const { record, rotated } = await obtainToken(this.ctx, this.options, this.grant, store, signal);
      await store.saveToken(record);
      tokenChannel.publish({ connector: this.ctx.connector, grant: this.grant, outcome: 'refreshed', durationMs: Date.now() - started, rotated });
      return record;
    } catch (error) {
      if (!(error instanceof TokenEndpointError)) throw error;
      const cooldownMs = this.options.refreshCooldownMs ?? 30_000;
      const description = error.description;
      const at = Date.now();
      const saved: RefreshFailure = { code: error.code, at, until: at + cooldownMs, ...(error.status && { status: error.status }), ...(description && { description }) };
      await store.saveFailure(saved);
      tokenChannel.publish({ connector: this.ctx.connector, grant: this.grant, outcome: 'failed', durationMs: at - started, code: error.code, ...(error.status && { status: error.status }) });
      if (fallback) {
        this.logger.warn(messages.staleTokenUsed(this.ctx.connector, error.code, fallback.expiresAt - at));
        return fallback;
      }
      throw this.refusal(saved, cooldownMs, error);
    }
  }

  private refusal(failure: RefreshFailure, cooldownMs: number, cause: TokenEndpointError): AuthError {
    const detail = failure.description ? `: ${failure.description}` : failure.status ? ` (HTTP ${failure.status})` : '';
    const { connector } = this.ctx;
    const message =
      failure.code === 'invalid_grant'
        ? messages.refreshRefused(connector, failure.code, detail, cooldownMs, describeSecret(this.options.refreshToken ?? ''))
        : failure.code === 'invalid_client' || failure.code === 'unauthorized_client'
          ? messages.clientRefused(connector, failure.code, detail, cooldownMs)
          : messages.tokenRequestFailed(connector, failure.code, detail, cooldownMs);
    const safeCause = this.ctx.redactor.scrubError(cause);
    return new AuthError({ connector, strategy: this.type, code: failure.code, retryAfterMs: cooldownMs, cause: safeCause, ...(failure.status && { status: failure.status }) }, message);
  }

  /** Time to refresh: within `refreshBeforeExpiryMs` of expiry, but never earlier than half the token's lifetime. */
  private due(token: TokenRecord): boolean {
    const margin = Math.min(this.options.refreshBeforeExpiryMs ?? 300_000, (token.expiresAt - token.obtainedAt) / 2);
    return Date.now() >= token.expiresAt - margin;
  }

  /** The token in Redis, remembered by the redactor: another process may have obtained it, so this one never saw it issued. */
  private async read(store: OAuth2TokenStore): Promise<TokenRecord | undefined> {
    const token = await store.readToken();
    this.ctx.redactor.add(token?.accessToken);
    return token;
  }

  private usable(token: TokenRecord): boolean {
    return token.expiresAt - Date.now() > EXPIRY_SAFETY_MS;
  }

  private async withLock<T>(store: OAuth2TokenStore, signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<T> {
    const held = await this.lock.acquire(store.lockKey, this.lockTtlMs, { waitMs: this.lockTtlMs, ...(signal && { signal }) });
    return this.releasing(store, held, fn);
  }

  private async releasing<T>(store: OAuth2TokenStore, held: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } finally {
      await this.lock.release(store.lockKey, held);
    }
  }

  /** Keys are per connection: a changed client, grant, scope or configured refresh token starts afresh. */
  private storeOf(): Promise<OAuth2TokenStore> {
    this.store ??= (async () => {
      const o = this.options;
      const [tokenUrl, clientId, refreshToken] = await Promise.all([
        resolveTokenUrl(this.ctx, o.tokenUrl),
        resolveCredential(this.ctx, o.clientId),
        o.refreshToken === undefined ? '' : resolveCredential(this.ctx, o.refreshToken),
      ]);
      const scope = typeof o.scope === 'string' ? o.scope : (o.scope ?? []).join(' ');
      const id = createHash('sha256').update([tokenUrl, clientId, this.grant, refreshToken, scope].join('\u0000')).digest('hex').slice(0, 16);
      return new OAuth2TokenStore(this.ctx.redis, this.ctx.cipher, `${this.ctx.keyPrefix}:${this.ctx.connector}:oauth2:${id}`);
    })();
    this.store.catch(() => (this.store = undefined));
    return this.store;
  }
}

/** `promise`, or a rejection with the signal's reason as soon as it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
