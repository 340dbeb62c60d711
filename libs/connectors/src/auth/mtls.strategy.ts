import type { TransportTls } from '../http/transport.js';
import type { MtlsAuthOptions } from '../interfaces/auth-options.interface.js';
import { CredentialStrategy } from './credential.strategy.js';
import { resolveCredential } from './static-credentials.js';

/** Mutual TLS: the client certificate is presented by the connector's undici dispatcher on every connection. */
export class MtlsStrategy extends CredentialStrategy<MtlsAuthOptions> {
  readonly type = 'mtls';

  async apply(): Promise<void> {
    // Nothing per request: the certificate is part of the TLS handshake.
  }

  async refresh(): Promise<boolean> {
    // A refused certificate is not fixed by sending the same one again.
    return false;
  }

  async tls(): Promise<TransportTls> {
    const { cert, key, ca, passphrase, servername } = this.options;
    const optional = (secret: typeof ca) => (secret === undefined ? undefined : resolveCredential(this.ctx, secret));
    const [certPem, keyPem, caPem, pass] = await Promise.all([resolveCredential(this.ctx, cert), resolveCredential(this.ctx, key), optional(ca), optional(passphrase)]);
    return { cert: certPem, key: keyPem, ...(caPem && { ca: caPem }), ...(pass && { passphrase: pass }), ...(servername && { servername }) };
  }
}
