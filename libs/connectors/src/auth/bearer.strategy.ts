import type { BearerAuthOptions } from '../interfaces/auth-options.interface.js';
import type { AuthContext, AuthStrategy, OutgoingAuth } from './auth-strategy.interface.js';
import { credentialChanged, resolveCredential } from './static-credentials.js';

/** `Authorization: Bearer <token>` with a static token. */
export class BearerStrategy implements AuthStrategy {
  readonly type = 'bearer';
  readonly sensitiveQuery: readonly string[] = [];

  constructor(
    private readonly ctx: AuthContext,
    private readonly options: BearerAuthOptions,
  ) {}

  async apply(target: OutgoingAuth): Promise<void> {
    target.headers.authorization = `Bearer ${await resolveCredential(this.ctx, this.options.token)}`;
  }

  async refresh(sent: OutgoingAuth): Promise<boolean> {
    return credentialChanged(this.ctx, [this.options.token], [(sent.headers.authorization ?? '').replace(/^Bearer /, '')]);
  }
}
