import { request } from 'node:https';
import { ConnectorHttpError, EnvSecretsProvider, env, type RestConnector, type RestConnectorOptions } from '@aiwire/connectors';
import { rejectionOf, startConnectors, type RunningConnectors } from './connectors-fixtures.js';
import { generatePki, startMtlsServer, type MtlsServer, type TestPki } from './tls-fixtures.js';

describe('mtls strategy: a client certificate through the undici dispatcher', () => {
  let pki: TestPki;
  let server: MtlsServer;
  let url: string;
  const open: RunningConnectors[] = [];

  async function erp(auth: RestConnectorOptions['auth'], extra: Parameters<typeof startConnectors>[1] = {}): Promise<RestConnector> {
    const running = await startConnectors({ erp: { kind: 'rest', baseUrl: `${url}/api`, auth, retry: { baseDelayMs: 10 } } }, extra);
    open.push(running);
    return running.get('erp');
  }

  beforeAll(async () => {
    pki = generatePki();
    // The server REQUIRES a client certificate signed by the test CA.
    server = await startMtlsServer(pki);
    url = server.url;
  }, 60_000);
  afterEach(async () => {
    for (const running of open.splice(0)) await running.close();
  });
  afterAll(async () => {
    await server.close();
    pki.remove();
  });

  it('the server refuses a TLS client without a certificate', async () => {
    const outcome = await new Promise<string>((resolve) => {
      const req = request(`${url}/api/orders`, { ca: pki.caCert }, (res) => resolve(`HTTP ${res.statusCode}`));
      req.on('error', (error: NodeJS.ErrnoException) => resolve(`error ${error.code}`));
      req.end();
    });
    expect(outcome).toMatch(/^error /);
  });

  it('presents the client certificate and trusts the given CA', async () => {
    const api = await erp({ type: 'mtls', cert: pki.clientCert, key: pki.clientKey, ca: pki.caCert });
    await expect(api.request({ method: 'GET', path: '/orders', query: { status: 'open' } })).resolves.toEqual({ client: 'aiwire-erp-client', authorization: null, path: '/api/orders?status=open' });
  });

  it('reads the PEMs through env() secrets, e.g. Docker-style NAME_FILE paths', async () => {
    const vars = { ERP_CERT_FILE: pki.path('client.crt'), ERP_KEY_FILE: pki.path('client.key'), ERP_CA_FILE: pki.path('ca.crt') };
    const api = await erp({ type: 'mtls', cert: env('ERP_CERT'), key: env('ERP_KEY'), ca: env('ERP_CA') }, { secrets: new EnvSecretsProvider({ env: vars }) });
    await expect(api.request({ method: 'GET', path: '/orders' })).resolves.toMatchObject({ client: 'aiwire-erp-client' });
  });

  it('combines mTLS with a bearer token', async () => {
    const api = await erp([
      { type: 'mtls', cert: pki.clientCert, key: pki.clientKey, ca: pki.caCert },
      { type: 'bearer', token: 'erp-token-123456789' },
    ]);
    await expect(api.request({ method: 'GET', path: '/orders' })).resolves.toMatchObject({ client: 'aiwire-erp-client', authorization: 'Bearer erp-token-123456789' });
  });

  it('fails with a ConnectorHttpError when the certificate comes from another CA', async () => {
    const api = await erp({ type: 'mtls', cert: pki.strangerCert, key: pki.strangerKey, ca: pki.caCert });
    const error = await rejectionOf(api.request({ method: 'GET', path: '/orders' }));
    expect(error).toBeInstanceOf(ConnectorHttpError);
    // Under TLS 1.3 the server refuses the certificate after the client's handshake: the client sees the connection closed.
    expect(error).toMatchObject({ status: undefined, isNetworkError: true, code: 'UND_ERR_SOCKET' });
    expect(error.message).toMatch(/could not reach 127\.0\.0\.1/);
  });

  it('fails when the server certificate is not trusted (no ca given)', async () => {
    const api = await erp({ type: 'mtls', cert: pki.clientCert, key: pki.clientKey });
    const error = await rejectionOf(api.request({ method: 'GET', path: '/orders' }));
    expect(error).toMatchObject({ code: 'SELF_SIGNED_CERT_IN_CHAIN', attempts: 1 });
    expect(error.message).toMatch(/TLS settings/);
  });
});
