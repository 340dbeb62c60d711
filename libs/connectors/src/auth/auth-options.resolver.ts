import { DEFAULT_CONNECTORS_OPTIONS } from '../connectors.constants.js';
import { messages } from '../connectors.messages.js';
import { ConnectorConfigurationError } from '../errors/connector-configuration.error.js';
import type {
  ApiKeyAuthOptions,
  AuthOptions,
  BasicAuthOptions,
  BearerAuthOptions,
  JwtAuthOptions,
  MtlsAuthOptions,
  OAuth2AuthOptions,
} from '../interfaces/auth-options.interface.js';
import { isSecretRef, type Secret } from '../secrets/secret.js';
import { isHttpUrl } from './oauth2-token-url.js';

/** `T` with the options `K` filled in. */
type With<T, K extends keyof T> = T & Required<Pick<T, K>>;

export type ResolvedApiKeyAuth = With<ApiKeyAuthOptions, 'prefix'>;
export type ResolvedBasicAuth = With<BasicAuthOptions, 'password'>;
export type ResolvedOAuth2Auth = With<OAuth2AuthOptions, 'grant' | 'extraParams' | 'clientAuthentication' | 'refreshBeforeExpiryMs' | 'refreshCooldownMs' | 'defaultExpiresInSeconds' | 'timeoutMs'>;
/** `key`: the HS256 secret or the RS256 private key, whichever the algorithm signs with. */
export type ResolvedJwtAuth = With<JwtAuthOptions, 'claims' | 'expiresInSeconds' | 'refreshBeforeExpiryMs'> & { readonly key: Secret };
/** One auth strategy's options, checked, with every default applied. */
export type ResolvedAuthOptions = ResolvedApiKeyAuth | BearerAuthOptions | ResolvedBasicAuth | ResolvedOAuth2Auth | ResolvedJwtAuth | MtlsAuthOptions;

const A = DEFAULT_CONNECTORS_OPTIONS.auth;

/** A connector's `auth` option as a list of checked strategies with their defaults; misconfigurations fail here, at startup. */
export function resolveAuthOptions(connector: string, auth: AuthOptions | readonly AuthOptions[] | undefined): readonly ResolvedAuthOptions[] {
  if (auth === undefined) return [];
  return (Array.isArray(auth) ? (auth as readonly AuthOptions[]) : [auth as AuthOptions]).map((one) => resolveOne(connector, one));
}

function resolveOne(connector: string, auth: AuthOptions): ResolvedAuthOptions {
  const fail = (option: string, why: string): never => {
    throw new ConnectorConfigurationError(messages.badOption(connector, `auth.${option}`, why));
  };
  switch (auth.type) {
    case 'apiKey':
      if ((auth.header === undefined) === (auth.query === undefined)) fail('header', 'or auth.query must be set (exactly one of them)');
      return { ...auth, prefix: auth.prefix ?? A.apiKey.prefix };
    case 'bearer':
      if (auth.token === undefined) fail('token', 'is required');
      return auth;
    case 'basic':
      if (auth.username === undefined) fail('username', 'is required');
      return { ...auth, password: auth.password ?? A.basic.password };
    case 'oauth2':
      // An env() reference is resolved and checked at the first token request.
      if (!isSecretRef(auth.tokenUrl) && !isHttpUrl(auth.tokenUrl)) fail('tokenUrl', "must be an http(s) URL or env('NAME')");
      if (auth.clientId === undefined || auth.clientSecret === undefined) fail('clientId', 'and auth.clientSecret are required');
      if (auth.grant === 'refresh_token' && auth.refreshToken === undefined) fail('refreshToken', "is required for grant 'refresh_token'");
      return {
        ...A.oauth2,
        ...definedOnly(auth),
        type: 'oauth2',
        grant: auth.grant ?? (auth.refreshToken === undefined ? 'client_credentials' : 'refresh_token'),
      } as ResolvedOAuth2Auth;
    case 'jwt': {
      if (auth.algorithm !== 'HS256' && auth.algorithm !== 'RS256') fail('algorithm', "must be 'HS256' or 'RS256'");
      const key = auth.algorithm === 'HS256' ? auth.secret : auth.privateKey;
      if (key === undefined) fail(auth.algorithm === 'HS256' ? 'secret' : 'privateKey', `is required for ${auth.algorithm}`);
      return { ...A.jwt, ...definedOnly(auth), type: 'jwt', key: key as Secret } as ResolvedJwtAuth;
    }
    case 'mtls':
      if (auth.cert === undefined || auth.key === undefined) fail('cert', 'and auth.key are required');
      return auth;
    default:
      return fail('type', `"${String((auth as { type?: unknown }).type)}" is not one of apiKey, bearer, basic, oauth2, jwt, mtls`);
  }
}

/** The options actually given: an explicit `undefined` means "the default", as `??` did. */
function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Scopes as the token request sends them (space-separated), undefined when none were given. */
export function scopeText(scope: string | readonly string[] | undefined): string | undefined {
  return scope === undefined || typeof scope === 'string' ? scope : scope.join(' ');
}
