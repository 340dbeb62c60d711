import { ConnectorConfigurationError } from '../errors/connector-configuration.error.js';
import { messages } from '../connectors.messages.js';
import type { AuthOptions } from '../interfaces/auth-options.interface.js';
import { isSecretRef } from '../secrets/secret.js';
import { ApiKeyStrategy } from './api-key.strategy.js';
import type { AuthContext, AuthStrategy } from './auth-strategy.interface.js';
import { BasicStrategy } from './basic.strategy.js';
import { BearerStrategy } from './bearer.strategy.js';
import { CompositeStrategy } from './composite.strategy.js';
import { JwtStrategy } from './jwt.strategy.js';
import { MtlsStrategy } from './mtls.strategy.js';
import { isHttpUrl } from './oauth2-token-url.js';
import { OAuth2Strategy } from './oauth2.strategy.js';

/** No credentials at all (public APIs, or auth handled by the caller's headers). */
const NO_AUTH: AuthStrategy = { type: 'none', sensitiveQuery: [], apply: async () => undefined, refresh: async () => false };

/** The strategy for a connector's `auth` option; misconfigurations fail here, at startup. */
export function createAuthStrategy(ctx: AuthContext, auth: AuthOptions | readonly AuthOptions[] | undefined): AuthStrategy {
  if (auth === undefined) return NO_AUTH;
  if (isList(auth)) return auth.length === 1 && auth[0] ? createAuthStrategy(ctx, auth[0]) : new CompositeStrategy(auth.map((a) => createAuthStrategy(ctx, a)));
  const name = ctx.connector;
  const fail = (option: string, why: string): never => {
    throw new ConnectorConfigurationError(messages.badOption(name, `auth.${option}`, why));
  };
  switch (auth.type) {
    case 'apiKey':
      if ((auth.header === undefined) === (auth.query === undefined)) fail('header', 'or auth.query must be set (exactly one of them)');
      return new ApiKeyStrategy(ctx, auth);
    case 'bearer':
      if (auth.token === undefined) fail('token', 'is required');
      return new BearerStrategy(ctx, auth);
    case 'basic':
      if (auth.username === undefined) fail('username', 'is required');
      return new BasicStrategy(ctx, auth);
    case 'oauth2':
      // An env() reference is resolved and checked at the first token request.
      if (!isSecretRef(auth.tokenUrl) && !isHttpUrl(auth.tokenUrl)) fail('tokenUrl', "must be an http(s) URL or env('NAME')");
      if (auth.clientId === undefined || auth.clientSecret === undefined) fail('clientId', 'and auth.clientSecret are required');
      if (auth.grant === 'refresh_token' && auth.refreshToken === undefined) fail('refreshToken', "is required for grant 'refresh_token'");
      return new OAuth2Strategy(ctx, auth);
    case 'jwt':
      if (auth.algorithm !== 'HS256' && auth.algorithm !== 'RS256') fail('algorithm', "must be 'HS256' or 'RS256'");
      if (auth.algorithm === 'HS256' && auth.secret === undefined) fail('secret', 'is required for HS256');
      if (auth.algorithm === 'RS256' && auth.privateKey === undefined) fail('privateKey', 'is required for RS256');
      return new JwtStrategy(ctx, auth);
    case 'mtls':
      if (auth.cert === undefined || auth.key === undefined) fail('cert', 'and auth.key are required');
      return new MtlsStrategy(ctx, auth);
    default:
      return fail('type', `"${String((auth as { type?: unknown }).type)}" is not one of apiKey, bearer, basic, oauth2, jwt, mtls`);
  }
}

function isList(auth: AuthOptions | readonly AuthOptions[]): auth is readonly AuthOptions[] {
  return Array.isArray(auth);
}
