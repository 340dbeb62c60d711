import type { BasicAuthOptions } from '../interfaces/auth-options.interface.js';
import type { AuthContext, AuthStrategy, OutgoingAuth } from './auth-strategy.interface.js';
import { credentialChanged, resolveCredential } from './static-credentials.js';

/** `Authorization: Basic base64(username:password)` (RFC 7617, UTF-8). */
export class BasicStrategy implements AuthStrategy {
  readonly type = 'basic';
  readonly sensitiveQuery: readonly string[] = [];

  constructor(
    private readonly ctx: AuthContext,
    private readonly options: BasicAuthOptions,
  ) {}

  async apply(target: OutgoingAuth): Promise<void> {
    const [username, password] = await this.credentials();
    const encoded = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
    this.ctx.redactor.add(encoded);
    target.headers.authorization = `Basic ${encoded}`;
  }

  async refresh(sent: OutgoingAuth): Promise<boolean> {
    const decoded = Buffer.from((sent.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return credentialChanged(this.ctx, [this.options.username, this.options.password ?? ''], [decoded.slice(0, colon), decoded.slice(colon + 1)]);
  }

  private credentials(): Promise<[string, string]> {
    return Promise.all([resolveCredential(this.ctx, this.options.username), resolveCredential(this.ctx, this.options.password ?? '')]);
  }
}
