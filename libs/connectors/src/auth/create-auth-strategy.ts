import { ApiKeyStrategy } from './api-key.strategy.js';
import type { ResolvedAuthOptions } from './auth-options.resolver.js';
import type { AuthContext, AuthStrategy } from './auth-strategy.interface.js';
import { BasicStrategy } from './basic.strategy.js';
import { BearerStrategy } from './bearer.strategy.js';
import { CompositeStrategy } from './composite.strategy.js';
import { JwtStrategy } from './jwt.strategy.js';
import { MtlsStrategy } from './mtls.strategy.js';
import { OAuth2Strategy } from './oauth2.strategy.js';

/** No credentials at all (public APIs, or auth handled by the caller's headers). */
const NO_AUTH: AuthStrategy = { type: 'none', sensitiveQuery: [], apply: async () => undefined, refresh: async () => false };

type StrategyClass<T extends ResolvedAuthOptions['type']> = new (ctx: AuthContext, options: Extract<ResolvedAuthOptions, { type: T }>) => AuthStrategy;

/** The class of each `auth.type`. */
const STRATEGIES: { readonly [T in ResolvedAuthOptions['type']]: StrategyClass<T> } = {
  apiKey: ApiKeyStrategy,
  bearer: BearerStrategy,
  basic: BasicStrategy,
  oauth2: OAuth2Strategy,
  jwt: JwtStrategy,
  mtls: MtlsStrategy,
};

/** The strategy for a connector's checked `auth` option (see `resolveAuthOptions`); several are combined. */
export function createAuthStrategy(ctx: AuthContext, auth: readonly ResolvedAuthOptions[]): AuthStrategy {
  if (auth.length === 0) return NO_AUTH;
  if (auth.length > 1) return new CompositeStrategy(auth.map((one) => createAuthStrategy(ctx, [one])));
  const one = auth[0] as ResolvedAuthOptions;
  return new (STRATEGIES[one.type] as StrategyClass<ResolvedAuthOptions['type']>)(ctx, one);
}
