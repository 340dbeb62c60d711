import type { ResolvedBasicAuth } from './auth-options.resolver.js';
import type { OutgoingAuth } from './auth-strategy.interface.js';
import { CredentialStrategy } from './credential.strategy.js';
import { credentialChanged, resolveCredential } from './static-credentials.js';

/** `Authorization: Basic base64(username:password)` (RFC 7617, UTF-8). */
export class BasicStrategy extends CredentialStrategy<ResolvedBasicAuth> {
  readonly type = 'basic';

  async apply(target: OutgoingAuth): Promise<void> {
    const [username, password] = await Promise.all([resolveCredential(this.ctx, this.options.username), resolveCredential(this.ctx, this.options.password)]);
    const encoded = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
    this.ctx.redactor.add(encoded);
    target.headers.authorization = `Basic ${encoded}`;
  }

  async refresh(sent: OutgoingAuth): Promise<boolean> {
    const decoded = Buffer.from((sent.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return credentialChanged(this.ctx, [this.options.username, this.options.password], [decoded.slice(0, colon), decoded.slice(colon + 1)]);
  }
}
