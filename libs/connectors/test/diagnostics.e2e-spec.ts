import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import type { HubSpotConnector, SlackConnector, StripeConnector } from '@aiwire/connectors';
import { captureEvents, rejectionOf, sandboxConnectors, startConnectors, type CapturedEvents, type RunningConnectors } from './connectors-fixtures.js';

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

  it('never carries a credential in an event, an error or a log line', async () => {
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

    const secrets = [
      ...Object.values(sandbox.credentials).filter((v) => v.length >= 8 && !v.includes('.') && !v.startsWith('sandbox-client-id')),
      ...sandbox.state.oauth.accessTokens.keys(),
      ...sandbox.state.oauth.refreshTokens.keys(),
      'not-the-client-secret-42',
    ];
    expect(secrets.length).toBeGreaterThan(10);
    expect(events.attempts.length).toBeGreaterThan(8);
    const published = events.text();
    const logged = running.logs.text();
    const thrown = JSON.stringify(errors.map((e) => ({ ...e, message: e.message, stack: e.stack })));
    for (const secret of secrets) {
      expect(published).not.toContain(secret);
      expect(logged).not.toContain(secret);
      expect(thrown).not.toContain(secret);
    }
    expect(published).not.toMatch(/authorization|bearer /i);
  });
});
