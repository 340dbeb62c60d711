import { Redis } from 'ioredis';
import { DEMO_SHOP, startSandbox, type Sandbox, type SandboxOptions } from '@aiwire/sandbox';
import { ConnectorHttpError, type HubSpotConnector } from '@aiwire/connectors';
import { waitFor } from '../../../test/support/wait.js';
import { REDIS_URL, captureEvents, rejectionOf, sandboxConnectors, startConnectors, timed, type RunningConnectors } from './connectors-fixtures.js';

describe('HubSpotConnector against the HubSpot CRM v3 stand-in (OAuth 2.0)', () => {
  let sandbox: Sandbox;
  let running: RunningConnectors;
  let crm: HubSpotConnector;

  async function start(options: SandboxOptions = {}): Promise<void> {
    sandbox = await startSandbox(options);
    running = await startConnectors({ crm: sandboxConnectors(sandbox).crm! });
    crm = running.get('crm');
  }
  afterEach(async () => {
    await running?.close();
    await sandbox?.close();
  });

  it('reads a contact, writes an AI property and reads it back from the CRM', async () => {
    await start();
    await expect(crm.getContact('101')).resolves.toMatchObject({ id: '101', properties: { email: 'maya.chen@example.com' } });
    const updated = await crm.updateContact('101', { ai_sentiment: 'negative', ai_score: 0.12 });
    expect(updated.properties).toMatchObject({ ai_sentiment: 'negative', ai_score: '0.12' });
    expect(sandbox.state.hubspot.contacts.get('101')?.properties).toMatchObject({ ai_sentiment: 'negative', ai_score: '0.12' });
    const picked = await crm.getContact('101', { properties: ['ai_sentiment'] });
    expect(picked.properties).toEqual({ ai_sentiment: 'negative' });
  });

  it('creates a note on a contact and a ticket associated with it', async () => {
    await start();
    const note = await crm.createNote('102', 'Customer unhappy with the refund delay.');
    expect(note.properties.hs_note_body).toBe('Customer unhappy with the refund delay.');
    const ticket = await crm.createTicket({ subject: 'Refund delay', content: 'Order #1002', priority: 'HIGH', contactId: '102' });
    expect(ticket.properties).toMatchObject({ subject: 'Refund delay', hs_pipeline: '0', hs_pipeline_stage: '1', hs_ticket_priority: 'HIGH' });
    expect(sandbox.state.hubspot.associatedWith('102', 'notes').map((n) => n.id)).toContain(note.id);
    expect(sandbox.state.hubspot.associatedWith('102', 'tickets').map((t) => t.id)).toContain(ticket.id);
  });

  it('walks every page of contacts by paging.next.after', async () => {
    await start();
    const expected = [...sandbox.state.hubspot.contacts.keys()].sort((a, b) => Number(a) - Number(b));
    const all = await crm.listContacts({ limit: 2, properties: ['email'] }).toArray();
    expect(all.map((c) => c.id)).toEqual(expected);
    expect(all.every((c) => Object.keys(c.properties).every((k) => k === 'email'))).toBe(true);
    expect(sandbox.state.requests.count('hubspot', 'GET /crm/v3/objects/contacts')).toBe(Math.ceil(expected.length / 2));
  });

  it('fails HubSpot errors with their category as code', async () => {
    await start();
    const missing = await rejectionOf(crm.getContact('999999'));
    expect(missing).toBeInstanceOf(ConnectorHttpError);
    expect(missing).toMatchObject({ status: 404, code: 'OBJECT_NOT_FOUND', attempts: 1 });
    expect((missing as ConnectorHttpError).requestId).toMatch(/^[0-9a-f-]{36}$/);
    const readOnly = await rejectionOf(crm.updateContact('101', { hs_object_id: '5' }));
    expect(readOnly).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
    expect(readOnly.message).toMatch(/read only property/);
  });

  it('waits one X-HubSpot-RateLimit-Interval-Milliseconds after a ten-secondly 429, then succeeds', async () => {
    await start({ limits: { hubspot: { max: 3, intervalMs: 1000 } } });
    for (let i = 0; i < 3; i++) await crm.getContact('101');
    const { value, ms } = await timed(() => crm.getContact('102'));
    expect(value.id).toBe('102');
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(ms).toBeLessThan(1600);
    expect(sandbox.state.requests.filter('hubspot').map((r) => r.status)).toEqual([200, 200, 200, 429, 200]);
  });

  it('fails at once, without retrying, when the daily limit is spent', async () => {
    await start({ limits: { hubspot: { daily: 2 } } });
    await crm.getContact('101');
    await crm.getContact('101');
    const error = await rejectionOf(crm.getContact('101'));
    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITS', attempts: 1 });
    expect(error.message).toMatch(/Rate limited/);
  });

  it('lowers the shared bucket to X-HubSpot-RateLimit-Remaining, so the next call waits for the window instead of drawing a 429', async () => {
    // 10 requests per 600 ms window per token; this app's bucket: 10, refilled 1 per second.
    sandbox = await startSandbox({ limits: { hubspot: { max: 10, intervalMs: 600 } } });
    const token = sandbox.credentials.hubspotPrivateAppToken;
    running = await startConnectors({ crm: { kind: 'hubspot', baseUrl: sandbox.urls.hubspot, auth: { type: 'bearer', token }, rateLimit: { capacity: 10, refillPerSecond: 1 } } });
    crm = running.get('crm');
    const events = captureEvents();
    const redis = new Redis(REDIS_URL);
    try {
      // Another app on the same token spends 9 of the window's 10.
      for (let i = 0; i < 9; i++) await fetch(`${sandbox.urls.hubspot}/crm/v3/objects/contacts/101`, { headers: { authorization: `Bearer ${token}` } });
      await crm.getContact('101'); // answered with X-HubSpot-RateLimit-Remaining: 0
      const level = await waitFor(async () => {
        const tokens = Number(await redis.hget(`${running.prefix}:ratelimit:crm`, 'tokens'));
        return tokens <= 0.5 ? tokens : undefined;
      }, 2000, 'the bucket to be lowered');
      expect(level).toBeGreaterThanOrEqual(-0.01);
      await expect(crm.getContact('102')).resolves.toMatchObject({ id: '102' });
      // The bucket, not a 429, held the call until the provider's window had turned over.
      expect(events.attempts.at(-1)?.rateLimitWaitMs).toBeGreaterThanOrEqual(800);
      expect(sandbox.state.requests.filter('hubspot').map((r) => r.status)).toEqual(Array(11).fill(200));
    } finally {
      events.stop();
      redis.disconnect();
    }
  });

  it('finds a contact by email (any case), or undefined', async () => {
    await start();
    await expect(crm.findContactByEmail('Tomasz.Kowalski@example.pl')).resolves.toMatchObject({ id: DEMO_SHOP.customers.tomasz.hubspotId, properties: { email: 'tomasz.kowalski@example.pl', firstname: 'Tomasz' } });
    const picked = await crm.findContactByEmail('elise.moreau@example.fr', { properties: ['total_revenue', 'hs_language'] });
    expect(picked?.properties).toMatchObject({ hs_language: 'fr', total_revenue: sandbox.state.shopify.customers.get(DEMO_SHOP.customers.elise.shopifyId)?.total_spent });
    await expect(crm.findContactByEmail('nobody@example.com')).resolves.toBeUndefined();
    const [body] = sandbox.state.requests.filter('hubspot', 'POST /crm/v3/objects/contacts/search');
    expect(body?.status).toBe(200);
  });

  it("searches a contact's tickets by associations.contact, sorted, and contacts with several operators and pages", async () => {
    await start();
    const contact = DEMO_SHOP.customers.tomasz.hubspotId;
    const tickets = await crm.searchTickets({
      filterGroups: [{ filters: [{ propertyName: 'associations.contact', operator: 'EQ', value: contact }] }],
      sorts: [{ propertyName: 'createdate', direction: 'DESCENDING' }],
      properties: ['subject', 'hs_ticket_category', 'hs_pipeline_stage'],
    });
    expect(tickets.total).toBe(2);
    expect(tickets.results.map((t) => t.properties.hs_ticket_category)).toEqual(['BILLING_ISSUE', 'GENERAL_INQUIRY']);
    const bigSpenders = await crm.searchContacts({
      filterGroups: [{ filters: [{ propertyName: 'total_revenue', operator: 'GTE', value: '500' }, { propertyName: 'hs_language', operator: 'IN', values: ['fr', 'pl', 'it', 'de'] }] }],
      properties: ['email', 'total_revenue'],
      limit: 2,
    });
    const expected = [...sandbox.state.hubspot.contacts.values()].filter((c) => Number(c.properties.total_revenue) >= 500 && ['fr', 'pl', 'it', 'de'].includes(c.properties.hs_language ?? ''));
    expect(bigSpenders.total).toBe(expected.length);
    expect(bigSpenders.results.map((c) => c.id)).toEqual(expected.slice(0, 2).map((c) => c.id));
    expect(bigSpenders.paging?.next?.after).toBe('2');
    const next = await crm.search('contacts', { filterGroups: [{ filters: [{ propertyName: 'total_revenue', operator: 'GTE', value: '500' }, { propertyName: 'hs_language', operator: 'IN', values: ['fr', 'pl', 'it', 'de'] }] }], limit: 2, after: '2' });
    expect(next.results.map((c) => c.id)).toEqual(expected.slice(2, 4).map((c) => c.id));
  });

  it('fails a search with an unknown operator with the typed 400 VALIDATION_ERROR, sent once', async () => {
    await start();
    const request = { filterGroups: [{ filters: [{ propertyName: 'email', operator: 'LIKE', value: '%@example.pl' }] }] } as unknown as Parameters<HubSpotConnector['searchContacts']>[0];
    const error = await rejectionOf(crm.searchContacts(request));
    expect(error).toBeInstanceOf(ConnectorHttpError);
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_ERROR', attempts: 1, endpoint: '/crm/v3/objects/{type}/search' });
    expect((error as ConnectorHttpError).providerMessage).toContain('from String "LIKE": not one of the values accepted');
  });
});
