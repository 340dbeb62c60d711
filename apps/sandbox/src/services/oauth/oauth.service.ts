import type { RequestContext } from '../../http/request-context.js';
import type { Reply, SandboxService } from '../../http/route.js';
import type { ServiceContext } from '../service-context.js';
import type { GrantType, OAuthState } from './oauth.state.js';

const TOKEN_PATH = '/oauth/v1/token';
const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/** RFC 6749 §5.2 error response. */
function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): Reply {
  return { status, body: { error, error_description: description }, headers: { ...NO_STORE, ...headers } };
}

const invalidClient = () => oauthError(401, 'invalid_client', 'Client authentication failed.', { 'WWW-Authenticate': 'Basic realm="sandbox"' });

/** The token endpoint (RFC 6749 §4.4 client credentials, §6 refresh), with HubSpot's path. */
export function createOAuthService(sc: ServiceContext): SandboxService {
  const state = sc.state.oauth;
  return {
    name: 'oauth',
    prefixes: ['/oauth/'],
    routes: [{ method: 'POST', pattern: TOKEN_PATH, handler: (ctx) => token(state, ctx) }],
    notFound: () => ({ status: 404, body: { status: 'error', message: 'Not Found' } }),
    failure(status) {
      if (status === 401) return invalidClient();
      if (status === 400) return oauthError(400, 'invalid_grant', 'The refresh token is invalid, expired or revoked.');
      if (status === 429) return oauthError(429, 'temporarily_unavailable', 'Too many token requests.', { 'Retry-After': '1' });
      return oauthError(status, 'server_error', 'The authorization server encountered an unexpected condition.');
    },
  };
}

function token(state: OAuthState, ctx: RequestContext): Reply {
  const form = ctx.form();
  const grantType = form.get('grant_type') ?? '';
  const record = (reply: Reply, clientId?: string): Reply => {
    const error = (reply.body as { error?: string } | undefined)?.error;
    state.requests.push({ grantType, status: reply.status, at: Date.now(), ...(clientId && { clientId }), ...(error && { error }) });
    return reply;
  };
  if (ctx.mediaType() !== 'application/x-www-form-urlencoded') {
    return record(oauthError(400, 'invalid_request', 'The request body must be application/x-www-form-urlencoded.'));
  }
  const basic = basicCredentials(ctx);
  if (basic && form.has('client_secret')) return record(oauthError(400, 'invalid_request', 'Use only one client authentication method.'));
  const clientId = basic?.id ?? form.get('client_id') ?? undefined;
  const secret = basic?.secret ?? form.get('client_secret') ?? undefined;
  if (!clientId || secret === undefined || state.clients.get(clientId) !== secret) return record(invalidClient(), clientId);
  if (!grantType) return record(oauthError(400, 'invalid_request', 'Missing grant_type.'), clientId);
  if (grantType !== 'client_credentials' && grantType !== 'refresh_token') {
    return record(oauthError(400, 'unsupported_grant_type', `Grant type ${grantType} is not supported.`), clientId);
  }
  return record(grantType === 'refresh_token' ? refresh(state, clientId, form) : issue(state, clientId, grantType, form.get('scope') ?? undefined), clientId);
}

function refresh(state: OAuthState, clientId: string, form: URLSearchParams): Reply {
  const presented = form.get('refresh_token');
  if (!presented) return oauthError(400, 'invalid_request', 'Missing refresh_token.');
  const record = state.refreshTokens.get(presented);
  if (!record || record.revoked || record.clientId !== clientId) {
    return oauthError(400, 'invalid_grant', 'The refresh token is invalid, expired, revoked, or was issued to another client.');
  }
  let refreshToken = presented;
  if (state.settings.rotateRefreshTokens) {
    state.revokeRefreshToken(presented);
    refreshToken = state.issueRefreshToken(clientId, record.scope);
  }
  return issue(state, clientId, 'refresh_token', record.scope, refreshToken);
}

function issue(state: OAuthState, clientId: string, grant: GrantType, scope?: string, refreshToken?: string): Reply {
  const issued = state.issueAccessToken(clientId, grant, scope);
  return {
    status: 200,
    headers: NO_STORE,
    body: {
      access_token: issued.accessToken,
      token_type: 'Bearer',
      expires_in: state.settings.accessTokenTtlSeconds,
      ...(refreshToken && { refresh_token: refreshToken }),
      ...(scope && { scope }),
    },
  };
}

/** RFC 6749 §2.3.1: HTTP Basic with the form-urlencoded client id and secret. */
function basicCredentials(ctx: RequestContext): { id: string; secret: string } | undefined {
  const encoded = /^basic\s+(.+)$/i.exec(ctx.header('authorization') ?? '')?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const unescape = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return { id: unescape(decoded.slice(0, colon)), secret: unescape(decoded.slice(colon + 1)) };
}
