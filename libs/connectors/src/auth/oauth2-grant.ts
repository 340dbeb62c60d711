import { messages } from '../connectors.messages.js';
import { scopeText } from './auth-options.resolver.js';
import type { OAuth2Connection } from './oauth2-refresh.js';
import { requestToken } from './oauth2-token.client.js';
import { resolveTokenUrl } from './oauth2-token-url.js';
import type { OAuth2TokenStore, TokenRecord } from './oauth2-token.store.js';
import { resolveCredential } from './static-credentials.js';

/**
 * Runs the grant at the token endpoint: the refresh token is the rotated one saved in Redis, else
 * the configured one; a new refresh token in the answer is saved (rotation). Call it holding the lock.
 */
export async function obtainToken(
  { ctx, options: o, logger }: OAuth2Connection,
  store: OAuth2TokenStore,
  signal?: AbortSignal,
): Promise<{ record: TokenRecord; rotated: boolean }> {
  const [tokenUrl, clientId, clientSecret] = await Promise.all([resolveTokenUrl(ctx, o.tokenUrl), resolveCredential(ctx, o.clientId), resolveCredential(ctx, o.clientSecret)]);
  const { grant } = o;
  const form = new URLSearchParams({ grant_type: grant });
  let refreshToken: string | undefined;
  if (grant === 'refresh_token') {
    refreshToken = (await store.readRefreshToken()) ?? (await resolveCredential(ctx, o.refreshToken ?? ''));
    ctx.redactor.add(refreshToken);
    form.set('refresh_token', refreshToken);
  }
  const scope = scopeText(o.scope);
  if (scope !== undefined) form.set('scope', scope);
  for (const [name, value] of Object.entries(o.extraParams)) form.set(name, value);
  const headers: Record<string, string> = {};
  if (o.clientAuthentication === 'basic') {
    // RFC 6749 §2.3.1: both parts form-urlencoded before Base64.
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
    ctx.redactor.add(basic);
    headers.authorization = `Basic ${basic}`;
  } else {
    form.set('client_id', clientId);
    form.set('client_secret', clientSecret);
  }

  const issued = await requestToken(ctx.transport(), tokenUrl, form, headers, o.timeoutMs, ctx.redactor, signal);
  ctx.redactor.add(issued.accessToken);
  let rotated = false;
  if (grant === 'refresh_token' && issued.refreshToken !== undefined && issued.refreshToken !== refreshToken) {
    ctx.redactor.add(issued.refreshToken);
    await store.saveRefreshToken(issued.refreshToken);
    logger.log(messages.refreshTokenRotated(ctx.connector));
    rotated = true;
  }
  const now = Date.now();
  const lifetimeMs = (issued.expiresInSeconds ?? o.defaultExpiresInSeconds) * 1000;
  const record: TokenRecord = { accessToken: issued.accessToken, tokenType: issued.tokenType, obtainedAt: now, expiresAt: now + lifetimeMs, ...(issued.scope && { scope: issued.scope }) };
  return { record, rotated };
}
