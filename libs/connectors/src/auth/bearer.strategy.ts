import type { BearerAuthOptions } from '../interfaces/auth-options.interface.js';
import type { OutgoingAuth } from './auth-strategy.interface.js';
import { CredentialStrategy } from './credential.strategy.js';
import { credentialChanged, resolveCredential } from './static-credentials.js';

/** `Authorization: Bearer <token>` with a static token. */
export class BearerStrategy extends CredentialStrategy<BearerAuthOptions> {
  readonly type = 'bearer';

  async apply(target: OutgoingAuth): Promise<void> {
    target.headers.authorization = `Bearer ${await resolveCredential(this.ctx, this.options.token)}`;
  }

  async refresh(sent: OutgoingAuth): Promise<boolean> {
    return credentialChanged(this.ctx, [this.options.token], [(sent.headers.authorization ?? '').replace(/^Bearer /, '')]);
  }
}
