import type { TransportTls } from '../http/transport.js';
import type { MtlsAuthOptions } from '../interfaces/auth-options.interface.js';
import type { AuthContext, AuthStrategy } from './auth-strategy.interface.js';
import { resolveCredential } from './static-credentials.js';

/** Mutual TLS: the client certificate is presented by the connector's undici dispatcher on every connection. */
export class MtlsStrategy implements AuthStrategy {
  readonly type = 'mtls';
  readonly sensitiveQuery: readonly string[] = [];

  constructor(
    private readonly ctx: AuthContext,
    private readonly options: MtlsAuthOptions,
  ) {}

  async apply(): Promise<void> {
    // Nothing per request: the certificate is part of the TLS handshake.
  }

  async refresh(): Promise<boolean> {
    // A refused certificate is not fixed by sending the same one again.
    return false;
  }

  async tls(): Promise<TransportTls> {
    const { cert, key, ca, passphrase, servername } = this.options;
    const [certPem, keyPem, caPem, pass] = await Promise.all([
      resolveCredential(this.ctx, cert),
      resolveCredential(this.ctx, key),
      ca === undefined ? undefined : resolveCredential(this.ctx, ca),
      passphrase === undefined ? undefined : resolveCredential(this.ctx, passphrase),
    ]);
    return { cert: certPem, key: keyPem, ...(caPem && { ca: caPem }), ...(pass && { passphrase: pass }), ...(servername && { servername }) };
  }
}
