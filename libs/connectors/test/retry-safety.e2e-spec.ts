import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { ConnectorHttpError, type ConnectorOptions, type HubSpotConnector, type RestConnector, type SlackConnector } from '@aiwire/connectors';
import { rejectionOf, sandboxConnectors, startConnectors, type RunningConnectors } from './connectors-fixtures.js';

/** The default retry policy never sends a call twice when the first one may have done the work. */
describe('retries that cannot do the work twice', () => {
  let sandbox: Sandbox;
  let running: RunningConnectors;
  let slack: SlackConnector;
  let crm: HubSpotConnector;
  const statuses = (service: 'slack' | 'hubspot' | 'helpdesk') => sandbox.state.requests.filter(service).map((r) => r.status);
  const note = { properties: { hs_note_body: 'Refund approved', hs_timestamp: new Date().toISOString() } };

  async function start(overrides: Record<string, Partial<ConnectorOptions>> = {}): Promise<void> {
    const c = sandboxConnectors(sandbox);
    const fast = { retry: { baseDelayMs: 10 }, timeoutMs: 300 };
    running = await startConnectors({
      slack: { ...c.slack!, ...fast, ...overrides.slack } as ConnectorOptions,
      crm: { ...c.crm!, ...fast, ...overrides.crm } as ConnectorOptions,
      helpdesk: { kind: 'rest', baseUrl: `${sandbox.url}/helpdesk`, auth: { type: 'apiKey', header: 'X-Api-Key', key: sandbox.credentials.helpdeskApiKey }, ...fast },
    });
    slack = running.get('slack');
    crm = running.get('crm');
    await crm.getContact('101'); // the OAuth token, so later requests are the calls under test
    sandbox.state.requests.clear();
  }

  beforeEach(async () => {
    // A short HubSpot interval: its 429 asks for one interval's wait.
    sandbox = await startSandbox({ limits: { hubspot: { intervalMs: 200 } } });
  });
  afterEach(async () => {
    await running?.close();
    await sandbox.close();
  });

  it('sends a POST once after a 500 and fails with attempts 1', async () => {
    await start();
    sandbox.faults.inject('slack', { status: 500, method: 'POST' });
    const error = await rejectionOf(slack.postMessage({ channel: '#support', text: 'Order #1002 refunded' }));
    expect(error).toBeInstanceOf(ConnectorHttpError);
    expect(error).toMatchObject({ status: 500, attempts: 1, method: 'POST', endpoint: '/api/chat.postMessage' });
    expect(statuses('slack')).toEqual([500]);
  });

  it('does not repeat a POST that was processed before the 500, a dropped connection or a timeout', async () => {
    await start();
    sandbox.faults.inject('slack', { status: 500, afterHandler: true });
    expect(await rejectionOf(slack.postMessage({ channel: '#support', text: 'once' }))).toMatchObject({ status: 500, attempts: 1 });
    expect(sandbox.state.slack.messagesIn('#support').map((m) => m.text)).toEqual(['once']);

    sandbox.faults.inject('hubspot', { reset: true, afterHandler: true });
    expect(await rejectionOf(crm.createNote('101', 'Called the customer'))).toMatchObject({ status: undefined, attempts: 1 });
    sandbox.faults.inject('hubspot', { hang: true, afterHandler: true });
    expect(await rejectionOf(crm.createTicket({ subject: 'Refund delay', contactId: '101' }))).toMatchObject({ code: 'ETIMEDOUT', attempts: 1 });
    expect(sandbox.state.hubspot.associatedWith('101', 'notes').map((n) => n.properties.hs_note_body)).toEqual(['Called the customer']);
    expect(sandbox.state.hubspot.associatedWith('101', 'tickets').map((t) => t.properties.subject)).toEqual(['Refund delay']);
    expect(sandbox.state.requests.count('hubspot')).toBe(2);
  });

  it('retries a POST the provider refused before processing: 429, and 503 with Retry-After', async () => {
    await start();
    sandbox.faults.inject('hubspot', { status: 429, method: 'POST' });
    await expect(crm.createNote('102', 'after the limit')).resolves.toMatchObject({ properties: { hs_note_body: 'after the limit' } });
    sandbox.faults.inject('slack', { status: 503, headers: { 'Retry-After': '0' } });
    await expect(slack.postMessage({ channel: '#support', text: 'after the outage' })).resolves.toMatchObject({ ok: true });
    expect(statuses('hubspot')).toEqual([429, 201]);
    expect(statuses('slack')).toEqual([503, 200]);
    expect(sandbox.state.slack.messagesIn('#support')).toHaveLength(1);
  });

  it('resends a POST after a 500 when the request says it is idempotent, and never when it says it is not', async () => {
    await start();
    sandbox.faults.inject('hubspot', { status: 500, method: 'POST' });
    const res = await crm.send({ method: 'POST', path: '/crm/v3/objects/notes', body: note, retry: { idempotent: true } });
    expect(res).toMatchObject({ status: 201, attempts: 2 });
    sandbox.faults.inject('hubspot', { status: 502, method: 'GET' });
    const refused = await rejectionOf(crm.request({ method: 'GET', path: '/crm/v3/objects/contacts/{id}', params: { id: '101' }, retry: { idempotent: false } }));
    expect(refused).toMatchObject({ status: 502, attempts: 1 });
    expect(statuses('hubspot')).toEqual([500, 201, 502]);
  });

  it('resends POSTs after a 500 on a connector whose retry.methods include POST', async () => {
    await start({ slack: { retry: { baseDelayMs: 10, methods: ['GET', 'POST'] } } });
    sandbox.faults.inject('slack', { status: 500 });
    await expect(slack.postMessage({ channel: '#support', text: 'opted in' })).resolves.toMatchObject({ ok: true });
    expect(statuses('slack')).toEqual([500, 200]);
  });

  it('keeps retrying GET, DELETE and HubSpot property writes after a 5xx or a timeout', async () => {
    await start();
    sandbox.faults.inject('hubspot', { hang: true, method: 'GET' });
    await expect(crm.getContact('101')).resolves.toMatchObject({ id: '101' });
    // Writing the same property values twice leaves them as writing them once.
    sandbox.faults.inject('hubspot', { status: 500, afterHandler: true, method: 'PATCH' });
    await expect(crm.updateContact('101', { ai_sentiment: 'positive' })).resolves.toMatchObject({ properties: { ai_sentiment: 'positive' } });
    const helpdesk = running.get<RestConnector>('helpdesk');
    const subscription = await helpdesk.request<{ id: string }>({ method: 'POST', path: '/webhooks', body: { url: 'https://hooks.example.com/helpdesk' } });
    sandbox.faults.inject('helpdesk', { status: 500, method: 'DELETE' });
    await helpdesk.request({ method: 'DELETE', path: '/webhooks/{id}', params: { id: subscription.id } });
    expect(sandbox.state.helpdesk.subscriptions.size).toBe(0);
    expect(statuses('hubspot')).toEqual([undefined, 200, 500, 200]);
    expect(statuses('helpdesk')).toEqual([201, 500, 204]);
  });
});
