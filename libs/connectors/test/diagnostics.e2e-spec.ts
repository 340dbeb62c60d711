import { generateKeyPairSync } from 'node:crypto';
import { inspect } from 'node:util';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import type { HubSpotConnector, SlackConnector, StripeConnector } from '@aiwire/connectors';
import { startAuthServer } from './auth-server.js';
import { captureEvents, rejectionOf, sandboxConnectors, startConnectors, type CapturedEvents, type RunningConnectors } from './connectors-fixtures.js';
import { errorText } from './error-text.js';
import { generatePki, startMtlsServer } from './tls-fixtures.js';

const HS_SECRET = 'hs256-shared-secret-for-tests';
const RSA = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

describe('diagnostics_channel events (aiwire:http:*) with OpenTelemetry attribute names, and no secrets', () => {
  let sandbox: Sandbox;
  let running: RunningConnectors;
  let events: CapturedEvents;

  beforeEach(async () => {
    sandbox = await startSandbox({ oauth: { rotateRefreshTokens: true } });
    const c = sandboxConnectors(sandbox);
    running = await startConnectors({
      ...c,
      stripe: { ...c.stripe!, retry: { baseDelayMs: 10 } },
      badCrm: { kind: 'hubspot', baseUrl: sandbox.urls.hubspot, auth: { type: 'oauth2', tokenUrl: sandbox.tokenUrl, clientId: sandbox.credentials.oauthClientId, clientSecret: 'not-the-client-secret-42' } },
    });
    events = captureEvents();
  });
  afterEach(async () => {
    events.stop();
    await running.close();
    await sandbox.close();
  });

  it('publishes one attempt and one call event per request, named as OpenTelemetry names them', async () => {
    await running.get<StripeConnector>('stripe').getCustomer('cus_Sbxmaya000001');
    const port = Number(new URL(sandbox.url).port);
    const attributes = {
      'http.request.method': 'GET',
      'url.template': '/v1/customers/{id}',
      'url.full': `${sandbox.url}/v1/customers/cus_Sbxmaya000001`,
      'url.scheme': 'http',
      'server.address': '127.0.0.1',
      'server.port': port,
      'http.response.status_code': 200,
      'aiwire.connector.name': 'stripe',
      'aiwire.connector.service': 'stripe',
      'aiwire.operation': 'stripe.getCustomer',
    };
    expect(events.attempts).toEqual([{ attributes, attempt: 1, durationMs: expect.any(Number), rateLimitWaitMs: expect.any(Number), requestId: expect.stringMatching(/^req_/) }]);
    expect(events.calls).toEqual([{ attributes, attempts: 1, durationMs: expect.any(Number), outcome: 'success' }]);
    expect(events.calls[0]!.durationMs).toBeGreaterThan(0);
  });

  it('marks retries with http.request.resend_count and failures with error.type', async () => {
    sandbox.faults.inject('stripe', { status: 503 });
    await running.get<StripeConnector>('stripe').getCustomer('cus_Sbxmaya000001');
    const [first, second] = events.attempts;
    expect(first!.attributes).toMatchObject({ 'http.response.status_code': 503, 'error.type': '503' });
    expect(first!.attributes).not.toHaveProperty('http.request.resend_count');
    expect(first!.retry).toEqual({ reason: '503', delayMs: expect.any(Number) });
    expect(second!.attributes).toMatchObject({ 'http.response.status_code': 200, 'http.request.resend_count': 1 });
    expect(second!.attributes).not.toHaveProperty('error.type');
    expect(events.calls[0]).toMatchObject({ attempts: 2, outcome: 'success' });

    await rejectionOf(running.get<SlackConnector>('slack').postMessage({ channel: '#nowhere', text: 'x' }));
    expect(events.calls.at(-1)).toMatchObject({
      outcome: 'error',
      attributes: { 'http.response.status_code': 200, 'error.type': 'channel_not_found', 'url.template': '/api/chat.postMessage' },
      error: { name: 'ConnectorHttpError', code: 'channel_not_found' },
    });
    expect(events.attempts.at(-1)).toMatchObject({ providerCode: 'channel_not_found' });
  });

  it('reports token refreshes and refusals on aiwire:http:token', async () => {
    const crm = running.get<HubSpotConnector>('crm');
    await crm.getContact('101');
    sandbox.state.oauth.expireAccessTokens();
    await crm.getContact('101');
    await rejectionOf(running.get<HubSpotConnector>('badCrm').getContact('101'));
    expect(events.tokens).toEqual([
      { connector: 'crm', grant: 'refresh_token', outcome: 'refreshed', durationMs: expect.any(Number), rotated: true },
      { connector: 'crm', grant: 'refresh_token', outcome: 'refreshed', durationMs: expect.any(Number), rotated: true },
      { connector: 'badCrm', grant: 'client_credentials', outcome: 'failed', durationMs: expect.any(Number), code: 'invalid_client', status: 401 },
    ]);
    expect(events.calls.at(-1)).toMatchObject({ outcome: 'error', attempts: 0, error: { name: 'AuthError', code: 'invalid_client' }, attributes: { 'error.type': 'AuthError' } });
  });

  it('never carries a credential in an event, an error (its cause chain included) or a log line: bearer, apiKey, oauth2, basic, jwt, mTLS', async () => {
    const errors: Error[] = [];
    await running.get<StripeConnector>('stripe').getCustomer('cus_Sbxmaya000001');
    await running.get<SlackConnector>('slack').postMessage({ channel: '#support', text: 'hello' });
    errors.push(await rejectionOf(running.get<SlackConnector>('slack').postMessage({ channel: '#nowhere', text: 'x' })));
    await running.get('shopify').request({ method: 'GET', path: '/admin/api/2025-01/products/{id}.json', params: { id: 8790123450001 } });
    const crm = running.get<HubSpotConnector>('crm');
    await crm.getContact('101');
    sandbox.state.oauth.expireAccessTokens();
    await crm.updateContact('101', { ai_sentiment: 'positive' });
    errors.push(await rejectionOf(running.get<HubSpotConnector>('badCrm').getContact('101')));
    errors.push(await rejectionOf(crm.getContact('404404')));
    sandbox.faults.inject('stripe', { status: 401 });
    errors.push(await rejectionOf(running.get<StripeConnector>('stripe').getCustomer('cus_Sbxmaya000001')));

    // basic, apiKey in a header, jwt and mTLS, against an API whose 401s echo what they were sent.
    const pki = generatePki();
    const [api, tls] = [await startAuthServer({ accepted: 'api-key-0123456789', hsSecret: HS_SECRET, rsPublicKey: RSA.publicKey }), await startMtlsServer(pki)];
    const c = sandbox.credentials;
    const more = await startConnectors({
      basic: { kind: 'stripe', baseUrl: sandbox.urls.stripe, auth: { type: 'basic', username: c.stripeSecretKey } },
      badBasic: { kind: 'stripe', baseUrl: sandbox.urls.stripe, auth: { type: 'basic', username: 'sk_test_not_the_key_0000', password: 'basic-password-123' } },
      header: { kind: 'rest', baseUrl: api.url, auth: { type: 'apiKey', header: 'X-Api-Key', key: 'api-key-0123456789' } },
      badHeader: { kind: 'rest', baseUrl: api.url, auth: { type: 'apiKey', header: 'X-Api-Key', key: 'wrong-api-key-98765' } },
      jwt: { kind: 'rest', baseUrl: api.url, auth: { type: 'jwt', algorithm: 'RS256', privateKey: RSA.privateKey, claims: { sub: 'svc' } } },
      badJwt: { kind: 'rest', baseUrl: api.url, auth: { type: 'jwt', algorithm: 'HS256', secret: 'not-the-server-secret-123', claims: { sub: 'svc' } } },
      erp: { kind: 'rest', baseUrl: tls.url, auth: { type: 'mtls', cert: pki.clientCert, key: pki.clientKey, ca: pki.caCert } },
      stranger: { kind: 'rest', baseUrl: tls.url, retry: false, auth: { type: 'mtls', cert: pki.strangerCert, key: pki.strangerKey, ca: pki.caCert } },
    });
    try {
      await more.get<StripeConnector>('basic').getCustomer('cus_Sbxmaya000001');
      errors.push(await rejectionOf(more.get<StripeConnector>('badBasic').getCustomer('cus_Sbxmaya000001')));
      await more.get('header').request({ method: 'GET', path: '/orders' });
      errors.push(await rejectionOf(more.get('badHeader').request({ method: 'GET', path: '/orders' })));
      await more.get('jwt').request({ method: 'GET', path: '/jwt' });
      errors.push(await rejectionOf(more.get('badJwt').request({ method: 'GET', path: '/jwt' })));
      await more.get('erp').request({ method: 'GET', path: '/orders' });
      errors.push(await rejectionOf(more.get('stranger').request({ method: 'GET', path: '/orders' })));
    } finally {
      await more.close();
      await api.close();
      await tls.close();
      pki.remove();
    }
    expect(errors.map((e) => (e as { status?: number }).status)).toEqual([200, 401, 404, 401, 401, 401, 401, undefined]);
    expect(errors.at(-1)?.cause).toBeInstanceOf(Error);

    const basic = (user: string, password = '') => Buffer.from(`${user}:${password}`).toString('base64');
    const pemLines = (pem: string) => pem.split('\n').filter((line) => line.length >= 40 && !line.startsWith('-----'));
    const secrets = [
      ...Object.values(c).filter((v) => v.length >= 8 && !v.includes('.') && !v.startsWith('sandbox-client-id')),
      ...sandbox.state.oauth.accessTokens.keys(),
      ...sandbox.state.oauth.refreshTokens.keys(),
      'not-the-client-secret-42',
      basic(c.stripeSecretKey),
      'sk_test_not_the_key_0000',
      'basic-password-123',
      basic('sk_test_not_the_key_0000', 'basic-password-123'),
      'api-key-0123456789',
      'wrong-api-key-98765',
      HS_SECRET,
      'not-the-server-secret-123',
      ...api.seen.flatMap((seen) => (seen.authorization ? [seen.authorization.replace(/^Bearer /, '')] : [])),
      ...pemLines(RSA.privateKey),
      ...pemLines(pki.clientKey),
      ...pemLines(pki.strangerKey),
    ];
    expect(secrets.length).toBeGreaterThan(40);
    expect(api.seen.filter((seen) => seen.path === '/jwt')).toHaveLength(3);
    expect(events.attempts.length).toBeGreaterThan(16);
    const published = events.text();
    const logged = `${running.logs.text()}\n${more.logs.text()}`;
    const thrown = errors.map((e) => `${errorText(e)}\n${inspect(e, { showHidden: true, depth: Infinity })}`).join('\n');
    for (const secret of secrets) {
      expect(published.includes(secret), `an event carries ${secret.slice(0, 12)}…`).toBe(false);
      expect(logged.includes(secret), `a log line carries ${secret.slice(0, 12)}…`).toBe(false);
      expect(thrown.includes(secret), `an error carries ${secret.slice(0, 12)}…`).toBe(false);
    }
    expect(thrown).toContain('[REDACTED]'); // the echoes were there, and were scrubbed
    expect(published).not.toMatch(/authorization|bearer /i);
  }, 30_000);
});
