import type { ApiKeyAuthOptions } from '../interfaces/auth-options.interface.js';
import type { AuthContext, AuthStrategy, OutgoingAuth } from './auth-strategy.interface.js';
import { credentialChanged, resolveCredential } from './static-credentials.js';

/** An API key in a header (`X-Shopify-Access-Token`) or a query parameter. */
export class ApiKeyStrategy implements AuthStrategy {
  readonly type = 'apiKey';
  readonly sensitiveQuery: readonly string[];
  private readonly header: string | undefined;

  constructor(
    private readonly ctx: AuthContext,
    private readonly options: ApiKeyAuthOptions,
  ) {
    this.header = options.header?.toLowerCase();
    this.sensitiveQuery = options.query ? [options.query.toLowerCase()] : [];
  }

  async apply(target: OutgoingAuth): Promise<void> {
    const key = await resolveCredential(this.ctx, this.options.key);
    if (this.header) target.headers[this.header] = `${this.options.prefix ?? ''}${key}`;
    else if (this.options.query) target.query.set(this.options.query, key);
  }

  async refresh(sent: OutgoingAuth): Promise<boolean> {
    const used = this.header ? (sent.headers[this.header] ?? '').slice((this.options.prefix ?? '').length) : (sent.query.get(this.options.query ?? '') ?? '');
    return credentialChanged(this.ctx, [this.options.key], [used]);
  }
}
