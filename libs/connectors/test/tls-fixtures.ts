import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';

/** PEM files of a throwaway PKI, generated with the openssl CLI. */
export interface TestPki {
  readonly dir: string;
  readonly caCert: string;
  readonly serverKey: string;
  readonly serverCert: string;
  readonly clientKey: string;
  readonly clientCert: string;
  /** A client certificate issued by another CA, which the server must refuse. */
  readonly strangerKey: string;
  readonly strangerCert: string;
  path(name: string): string;
  remove(): void;
}

/** A CA, a server certificate for 127.0.0.1/localhost, a client certificate, and a stranger from another CA. */
export function generatePki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'aiwire-mtls-'));
  const path = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  writeFileSync(path('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  writeFileSync(path('client.ext'), 'extendedKeyUsage=clientAuth\n');
  const ca = (name: string, cn: string) => openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.crt`, '-subj', `/CN=${cn}`, '-days', '1');
  const issue = (name: string, cn: string, caName: string, ext: string) => {
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${caName}.crt`, '-CAkey', `${caName}.key`, '-CAcreateserial', '-out', `${name}.crt`, '-days', '1', '-extfile', ext);
  };
  ca('ca', 'aiwire test CA');
  ca('other-ca', 'some other CA');
  issue('server', 'localhost', 'ca', 'server.ext');
  issue('client', 'aiwire-erp-client', 'ca', 'client.ext');
  issue('stranger', 'aiwire-erp-client', 'other-ca', 'client.ext');
  const read = (name: string) => readFileSync(path(name), 'utf8');
  return {
    dir,
    caCert: read('ca.crt'),
    serverKey: read('server.key'),
    serverCert: read('server.crt'),
    clientKey: read('client.key'),
    clientCert: read('client.crt'),
    strangerKey: read('stranger.key'),
    strangerCert: read('stranger.crt'),
    path,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** An HTTPS API on loopback that requires a client certificate signed by the PKI's CA. */
export interface MtlsServer {
  /** `https://127.0.0.1:<port>`. */
  readonly url: string;
  close(): Promise<void>;
}

/** Answers every request with the client certificate's CN, the `Authorization` header, the path and the body (when one came). */
export async function startMtlsServer(pki: TestPki): Promise<MtlsServer> {
  const server = createServer({ key: pki.serverKey, cert: pki.serverCert, ca: pki.caCert, requestCert: true, rejectUnauthorized: true }, (req, res) => {
    const peer = (req.socket as TLSSocket).getPeerCertificate();
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ client: peer.subject?.CN, authorization: req.headers.authorization ?? null, path: req.url, ...(body && { body }) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
