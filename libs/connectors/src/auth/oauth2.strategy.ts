import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { LockTimeoutError, RedisLock } from '@aiwire/core';
import { messages } from '../connectors.messages.js';
import { AuthError } from '../errors/auth.error.js';
import { ConnectorConfigurationError } from '../errors/connector-configuration.error.js';
import { SecretNotFoundError } from '../errors/secret-not-found.error.js';
import { scopeText, type ResolvedOAuth2Auth } from './auth-options.resolver.js';
import type { AuthContext, AuthStrategy, OutgoingAuth } from './auth-strategy.interface.js';
import { refreshLocked } from './oauth2-refresh.js';
import { resolveTokenUrl } from './oauth2-token-url.js';
import { OAuth2TokenStore, type TokenRecord } from './oauth2-token.store.js';
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
  private readonly lockTtlMs: number;
  private memory: TokenRecord | undefined;
  private store: Promise<OAuth2TokenStore> | undefined;
  private loading: Promise<TokenRecord> | undefined;

  constructor(
    private readonly ctx: AuthContext,
    private readonly options: ResolvedOAuth2Auth,
  ) {
    this.lock = new RedisLock(ctx.redis);
    // Covers one token request with its retries; a crashed holder blocks others no longer than this.
    this.lockTtlMs = options.timeoutMs * 3 + 5_000;
  }

  async apply(target: OutgoingAuth, signal?: AbortSignal): Promise<void> {
    const token = await this.token(signal).catch((error: unknown) => this.explain(error, signal));
    target.headers.authorization = `${/^bearer$/i.test(token.tokenType) ? 'Bearer' : token.tokenType} ${token.accessToken}`;
  }

  async refresh(sent: OutgoingAuth, signal?: AbortSignal): Promise<boolean> {
    const used = (sent.headers.authorization ?? '').replace(/^\S+\s+/, '');
    this.memory = undefined;
    if (!this.ctx.redisUp()) throw this.storeUnavailable(messages.redisReconnecting());
    const store = await this.storeOf();
    // Another call (or process) already replaced the refused token: use that one.
    const replaced = (token: TokenRecord): boolean => token.accessToken !== used && this.usable(token);
    return this.lockedUnlessStored(store, signal, replaced, async () => {
      const current = await this.read(store);
      return current && replaced(current) ? current : this.refreshLocked(store, current, true, signal);
    })
      .then(() => true)
      .catch(async (error: unknown) => Boolean(await this.afterLockWait(store, error, used)))
      .catch((error: unknown) => this.explain(error, signal));
  }

  /** Redis trouble (token cache, lock) becomes an AuthError that says so; the call is not sent. */
  private explain(error: unknown, signal: AbortSignal | undefined): never {
    if (error instanceof AuthError || error instanceof SecretNotFoundError || error instanceof ConnectorConfigurationError || signal?.aborted) throw error;
    const { connector, redactor } = this.ctx;
    if (error instanceof LockTimeoutError) {
      throw new AuthError({ connector, strategy: this.type, code: 'refresh_lock_timeout', cause: redactor.scrubError(error) }, messages.refreshLockTimeout(connector, this.lockTtlMs));
    }
    throw this.storeUnavailable(redactor.scrub(String((error as Error)?.message ?? error)), redactor.scrubError(error));
  }

  private storeUnavailable(reason: string, cause?: unknown): AuthError {
    const { connector } = this.ctx;
    return new AuthError({ connector, strategy: this.type, code: 'token_store_unavailable', cause }, messages.tokenStoreUnavailable(connector, reason));
  }

  private token(signal?: AbortSignal): Promise<TokenRecord> {
    if (this.memory && !this.due(this.memory)) return Promise.resolve(this.memory);
    // Calls of this process share one lookup (and at most one refresh) instead of each polling the
    // lock; one caller's abort must not fail the others, so each only stops waiting.
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return signal ? untilAborted(this.loading, signal) : this.loading;
  }

  private async load(): Promise<TokenRecord> {
    if (!this.ctx.redisUp()) throw this.storeUnavailable(messages.redisReconnecting());
    const store = await this.storeOf();
    const stored = await this.read(store);
    if (stored && !this.due(stored)) return (this.memory = stored);
    if (stored && this.usable(stored)) {
      // Early refresh: whoever holds the lock is on it; keep using the valid token instead of waiting.
      const held = await this.lock.tryAcquire(store.lockKey, this.lockTtlMs);
      if (held === undefined) return (this.memory = stored);
      return this.releasing(store, held, () => this.renew(store));
    }
    return this.lockedUnlessStored(store, undefined, (token) => !this.due(token), () => this.renew(store)).catch((error: unknown) => this.afterLockWait(store, error));
  }

  /** Holding the lock: another process may have refreshed while we waited. */
  private async renew(store: OAuth2TokenStore): Promise<TokenRecord> {
    const current = await this.read(store);
    return current && !this.due(current) ? current : this.refreshLocked(store, current, false);
  }

  /** Holding the lock: ask the token endpoint; an early refresh keeps the current token when it fails. */
  private refreshLocked(store: OAuth2TokenStore, current: TokenRecord | undefined, forced: boolean, signal?: AbortSignal): Promise<TokenRecord> {
    const fallback = !forced && current && this.usable(current) ? current : undefined;
    return refreshLocked({ ctx: this.ctx, options: this.options, logger: this.logger }, store, fallback, signal);
  }

  /**
   * Runs `renew` holding the refresh lock, unless a token that `wanted` accepts is stored while
   * waiting for it (the holder finished): that one is used at once, without waiting for the lock.
   */
  private async lockedUnlessStored(store: OAuth2TokenStore, signal: AbortSignal | undefined, wanted: (token: TokenRecord) => boolean, renew: () => Promise<TokenRecord>): Promise<TokenRecord> {
    const stored = async (): Promise<TokenRecord | undefined> => {
      const token = await this.read(store);
      return token && wanted(token) ? token : undefined;
    };
    const outcome = await this.lock.acquireUnless(store.lockKey, this.lockTtlMs, stored, { waitMs: this.lockTtlMs, ...(signal && { signal }) });
    this.memory = outcome.acquired ? await this.releasing(store, outcome.token, renew) : outcome.done;
    return this.memory;
  }

  /**
   * The lock stayed held past the wait (a slow holder, or one that crashed after saving a token):
   * a usable token in Redis, other than the `refused` one, is used rather than failing the call.
   */
  private async afterLockWait(store: OAuth2TokenStore, error: unknown, refused?: string): Promise<TokenRecord> {
    if (!(error instanceof LockTimeoutError)) throw error;
    const current = await this.read(store);
    if (current && current.accessToken !== refused && this.usable(current)) return (this.memory = current);
    throw error;
  }

  /** Time to refresh: within `refreshBeforeExpiryMs` of expiry, but never earlier than half the token's lifetime. */
  private due(token: TokenRecord): boolean {
    const margin = Math.min(this.options.refreshBeforeExpiryMs, (token.expiresAt - token.obtainedAt) / 2);
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
      const id = createHash('sha256').update([tokenUrl, clientId, o.grant, refreshToken, scopeText(o.scope) ?? ''].join('\u0000')).digest('hex').slice(0, 16);
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
