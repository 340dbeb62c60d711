import type { ResolvedApiKeyAuth } from './auth-options.resolver.js';
import type { OutgoingAuth } from './auth-strategy.interface.js';
import { CredentialStrategy } from './credential.strategy.js';
import { credentialChanged, resolveCredential } from './static-credentials.js';

/** An API key in a header (`X-Shopify-Access-Token`) or a query parameter. */
export class ApiKeyStrategy extends CredentialStrategy<ResolvedApiKeyAuth> {
  readonly type = 'apiKey';
  override readonly sensitiveQuery: readonly string[] = this.options.query ? [this.options.query.toLowerCase()] : [];
  private readonly header = this.options.header?.toLowerCase();

  async apply(target: OutgoingAuth): Promise<void> {
    const key = await resolveCredential(this.ctx, this.options.key);
    if (this.header) target.headers[this.header] = `${this.options.prefix}${key}`;
    else if (this.options.query) target.query.set(this.options.query, key);
  }

  async refresh(sent: OutgoingAuth): Promise<boolean> {
    const used = this.header ? (sent.headers[this.header] ?? '').slice(this.options.prefix.length) : (this.options.query && sent.query.get(this.options.query)) || '';
    return credentialChanged(this.ctx, [this.options.key], [used]);
  }
}
