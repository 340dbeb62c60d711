import type { Logger } from '@nestjs/common';
import { tokenChannel } from '../connectors.channels.js';
import { messages } from '../connectors.messages.js';
import { AuthError } from '../errors/auth.error.js';
import { describeSecret } from '../secrets/secret.js';
import type { ResolvedOAuth2Auth } from './auth-options.resolver.js';
import type { AuthContext } from './auth-strategy.interface.js';
import { obtainToken } from './oauth2-grant.js';
import { TokenEndpointError } from './oauth2-token.client.js';
import type { OAuth2TokenStore, RefreshFailure, TokenRecord } from './oauth2-token.store.js';

/** One OAuth connection as a refresh sees it. */
export interface OAuth2Connection {
  readonly ctx: AuthContext;
  readonly options: ResolvedOAuth2Auth;
  /** The strategy's logger (context `OAuth2Strategy`). */
  readonly logger: Logger;
}

/**
 * Holding the refresh lock: asks the token endpoint, unless a recent failure is cooling down.
 * `fallback` is the still-valid token of an early refresh: when the refresh fails it stays in use
 * (with a warning) instead of failing the call.
 */
export async function refreshLocked(conn: OAuth2Connection, store: OAuth2TokenStore, fallback: TokenRecord | undefined, signal?: AbortSignal): Promise<TokenRecord> {
  const { connector } = conn.ctx;
  const failure = await store.readFailure();
  if (failure) {
    tokenChannel.publish({ connector, grant: conn.options.grant, outcome: 'cooldown', durationMs: 0, code: failure.code });
    if (fallback) return fallback;
    const now = Date.now();
    throw new AuthError(
      { connector, strategy: 'oauth2', code: 'refresh_cooldown', retryAfterMs: failure.until - now, ...(failure.status && { status: failure.status }) },
      messages.refreshCoolingDown(connector, failure.code, now - failure.at, failure.until - now),
    );
  }
  const started = Date.now();
  try {
    const { record, rotated } = await obtainToken(conn, store, signal);
    await store.saveToken(record);
    tokenChannel.publish({ connector, grant: conn.options.grant, outcome: 'refreshed', durationMs: Date.now() - started, rotated });
    return record;
  } catch (error) {
    if (!(error instanceof TokenEndpointError)) throw error;
    const cooldownMs = conn.options.refreshCooldownMs;
    const at = Date.now();
    // The error was built free of credentials (see requestToken), so its description may be kept.
    const saved: RefreshFailure = { code: error.code, at, until: at + cooldownMs, ...(error.status && { status: error.status }), ...(error.description && { description: error.description }) };
    await store.saveFailure(saved);
    tokenChannel.publish({ connector, grant: conn.options.grant, outcome: 'failed', durationMs: at - started, code: error.code, ...(error.status && { status: error.status }) });
    if (fallback) {
      conn.logger.warn(messages.staleTokenUsed(connector, error.code, fallback.expiresAt - at));
      return fallback;
    }
    throw refusal(conn, saved, cooldownMs, error);
  }
}

/** The AuthError of a refused or failed token request, naming what to fix. */
function refusal(conn: OAuth2Connection, failure: RefreshFailure, cooldownMs: number, cause: TokenEndpointError): AuthError {
  const detail = failure.description ? `: ${failure.description}` : failure.status ? ` (HTTP ${failure.status})` : '';
  const { connector, redactor } = conn.ctx;
  const message =
    failure.code === 'invalid_grant'
      ? messages.refreshRefused(connector, failure.code, detail, cooldownMs, describeSecret(conn.options.refreshToken ?? ''))
      : failure.code === 'invalid_client' || failure.code === 'unauthorized_client'
        ? messages.clientRefused(connector, failure.code, detail, cooldownMs)
        : messages.tokenRequestFailed(connector, failure.code, detail, cooldownMs);
  const details = { connector, strategy: 'oauth2', code: failure.code, retryAfterMs: cooldownMs, cause: redactor.scrubError(cause), ...(failure.status && { status: failure.status }) };
  return new AuthError(details, message);
}
