import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { ConnectorConfigurationError, FileSecretsProvider, env, type RestConnector, type StripeConnector } from '@aiwire/connectors';
import { startAuthServer, type AuthTestServer } from './auth-server.js';
import { captureEvents, rejectionOf, startConnectors, type RunningConnectors } from './connectors-fixtures.js';

const HS_SECRET = 'hs256-shared-secret-for-tests';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

describe('auth strategies', () => {
  let server: AuthTestServer;
  const open: RunningConnectors[] = [];
  async function rest(auth: Parameters<typeof startConnectors>[0][string]['auth'], extra: Parameters<typeof startConnectors>[1] = {}): Promise<RestConnector> {
    const running = await startConnectors({ api: { kind: 'rest', baseUrl: `${server.url}/v2`, auth } }, extra);
    open.push(running);
    return running.get('api');
  }

  beforeEach(async () => {
    server = await startAuthServer({ accepted: 'api-key-0123456789', hsSecret: HS_SECRET, rsPublicKey: publicKey });
  });
  afterEach(async () => {
    for (const running of open.splice(0)) await running.close();
    await server.close();
  });

  it('apiKey in the query: sent as the parameter, REDACTED in events', async () => {
    const events = captureEvents();
    try {
      const api = await rest({ type: 'apiKey', query: 'api_key', key: 'api-key-0123456789' });
      await expect(api.request({ method: 'GET', path: '/orders', query: { status: 'open' } })).resolves.toEqual({ orders: [{ id: 1 }] });
      expect(server.seen[0]).toMatchObject({ path: '/v2/orders', query: { status: 'open', api_key: 'api-key-0123456789' } });
      expect(events.calls[0]?.attributes['url.full']).toBe(`${server.url}/v2/orders?status=open&api_key=REDACTED`);
      expect(events.text()).not.toContain('api-key-0123456789');
    } finally {
      events.stop();
    }
  });

  it('apiKey in a header, with a prefix', async () => {
    server.accepted = 'hdr-key-0123456789';
    const api = await rest({ type: 'apiKey', header: 'Authorization', prefix: 'Bearer ', key: 'hdr-key-0123456789' });
    await api.request({ method: 'GET', path: '/orders' });
    expect(server.seen[0]?.authorization).toBe('Bearer hdr-key-0123456789');
  });

  it('bearer from a secrets file: after a rotation, a 401 re-reads the file and the retry succeeds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aiwire-secrets-'));
    try {
      writeFileSync(join(dir, 'API_TOKEN'), 'api-key-0123456789\n');
      const api = await rest({ type: 'bearer', token: env('API_TOKEN') }, { secrets: new FileSecretsProvider({ directory: dir }) });
      await api.request({ method: 'GET', path: '/orders' });
      writeFileSync(join(dir, 'API_TOKEN'), 'rotated-key-9876543210');
      server.accepted = 'rotated-key-9876543210';
      const res = await api.send({ method: 'GET', path: '/orders' });
      expect(res.attempts).toBe(2);
      expect(server.seen.map((s) => s.authorization)).toEqual(['Bearer api-key-0123456789', 'Bearer api-key-0123456789', 'Bearer rotated-key-9876543210']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('basic: Stripe takes the secret key as the user name', async () => {
    const sandbox: Sandbox = await startSandbox();
    try {
      const running = await startConnectors({ stripe: { kind: 'stripe', baseUrl: sandbox.urls.stripe, auth: { type: 'basic', username: sandbox.credentials.stripeSecretKey } } });
      open.push(running);
      await expect(running.get<StripeConnector>('stripe').getCustomer('cus_Sbxliam000001')).resolves.toMatchObject({ id: 'cus_Sbxliam000001' });
    } finally {
      await sandbox.close();
    }
  });

  it.each([
    ['HS256', { secret: HS_SECRET }],
    ['RS256', { privateKey }],
  ] as const)('jwt %s: the server verifies the signature and claims; the token is reused until near expiry', async (algorithm, key) => {
    const api = await rest({ type: 'jwt', algorithm, ...key, keyId: 'k1', claims: { iss: 'aiwire', sub: 'svc-reports', aud: 'erp' }, expiresInSeconds: 600 });
    await api.request({ method: 'GET', path: '/jwt' });
    await api.request({ method: 'GET', path: '/jwt' });
    expect(server.verified).toHaveLength(2);
    const { header, claims } = server.verified[0]!;
    expect(header).toEqual({ alg: algorithm, typ: 'JWT', kid: 'k1' });
    expect(claims).toMatchObject({ iss: 'aiwire', sub: 'svc-reports', aud: 'erp' });
    expect((claims.exp as number) - (claims.iat as number)).toBe(600);
    expect(server.verified[1]!.claims.jti).toBe(claims.jti);
  });

  it('jwt: signs a new token once the cached one is within refreshBeforeExpiryMs of its expiry, and not before', async () => {
    const jwt = (sub: string, refreshBeforeExpiryMs: number) => rest({ type: 'jwt', algorithm: 'HS256', secret: HS_SECRET, claims: { sub }, expiresInSeconds: 3, refreshBeforeExpiryMs });
    const [early, late] = [await jwt('early', 2_500), await jwt('late', 1_000)];
    await Promise.all([early.request({ method: 'GET', path: '/jwt' }), late.request({ method: 'GET', path: '/jwt' })]);
    await new Promise((r) => setTimeout(r, 1_000)); // 2 s left: within 2.5 s of expiry, not within 1 s
    await Promise.all([early.request({ method: 'GET', path: '/jwt' }), late.request({ method: 'GET', path: '/jwt' })]);
    const jtis = (sub: string) => server.verified.filter((v) => v.claims.sub === sub).map((v) => v.claims.jti);
    expect(jtis('early')).toHaveLength(2);
    expect(new Set(jtis('early')).size).toBe(2);
    expect(jtis('late')).toHaveLength(2);
    expect(new Set(jtis('late')).size).toBe(1);
  });

  it('jwt: a refused token is signed again (new jti) and the call retried once', async () => {
    const api = await rest({ type: 'jwt', algorithm: 'HS256', secret: HS_SECRET, claims: { sub: 'svc' } });
    await api.request({ method: 'GET', path: '/jwt' });
    server.refuseNextJwts = 1;
    const res = await api.send({ method: 'GET', path: '/jwt' });
    expect(res.attempts).toBe(2);
    expect(server.verified[1]!.claims.jti).not.toBe(server.verified[0]!.claims.jti);
  });

  it('jwt: a token signed with another key is refused by the server', async () => {
    const api = await rest({ type: 'jwt', algorithm: 'HS256', secret: 'not-the-server-secret', claims: { sub: 'svc' } });
    const error = await rejectionOf(api.request({ method: 'GET', path: '/jwt' }));
    expect(error).toMatchObject({ status: 401, code: 'invalid_token', attempts: 2 });
    expect(server.verified).toHaveLength(0);
  });

  it.each([
    [{ type: 'apiKey', key: 'k' }, /auth.header" or auth.query must be set/],
    [{ type: 'apiKey', key: 'k', header: 'X', query: 'q' }, /exactly one/],
    [{ type: 'oauth2', tokenUrl: 'not a url', clientId: 'a', clientSecret: 'b' }, /auth.tokenUrl" must be an http\(s\) URL/],
    [{ type: 'oauth2', tokenUrl: 'https://x.test/token', clientId: 'a', clientSecret: 'b', grant: 'refresh_token' }, /refreshToken" is required/],
    [{ type: 'jwt', algorithm: 'RS256', secret: 's' }, /privateKey" is required for RS256/],
    [{ type: 'jwt', algorithm: 'ES256', secret: 's' }, /must be 'HS256' or 'RS256'/],
    [{ type: 'mtls', cert: 'c' }, /auth.cert" and auth.key are required/],
    [{ type: 'saml' }, /"saml" is not one of/],
  ])('refuses misconfigured auth at startup: %j', async (auth, message) => {
    const error = await rejectionOf(rest(auth as never));
    expect(error).toBeInstanceOf(ConnectorConfigurationError);
    expect(error.message).toMatch(message);
    expect(error.message).toContain('Connector "api"');
  });
});
