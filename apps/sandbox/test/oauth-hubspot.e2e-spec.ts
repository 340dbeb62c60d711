import { setTimeout as sleep } from 'node:timers/promises';
import { startSandbox, type Sandbox } from '../src/index.js';

type Json = Record<string, any>;

describe('OAuth 2.0 token endpoint and HubSpot CRM v3 stand-ins', () => {
  let sandbox: Sandbox;
  const token = async (params: Record<string, string>, basic?: [string, string]) => {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (basic) headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(basic[0])}:${encodeURIComponent(basic[1])}`).toString('base64')}`;
    const res = await fetch(sandbox.tokenUrl, { method: 'POST', headers, body: new URLSearchParams(params) });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
  };
  const client = () => ({ client_id: sandbox.credentials.oauthClientId, client_secret: sandbox.credentials.oauthClientSecret });
  const refresh = (refreshToken = sandbox.credentials.oauthRefreshToken) => token({ grant_type: 'refresh_token', refresh_token: refreshToken, ...client() });
  const crm = async (accessToken: string | null, path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${sandbox.urls.hubspot}/crm/v3/objects/${path}`, {
      method: init.method ?? 'GET',
      headers: { ...(accessToken && { authorization: `Bearer ${accessToken}` }), ...(init.body !== undefined && { 'content-type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
  };

  beforeEach(async () => {
    sandbox = await startSandbox();
  });
  afterEach(() => sandbox.close());

  describe('token endpoint', () => {
    it('issues client_credentials tokens to body or Basic client auth, without a refresh token', async () => {
      const viaBody = await token({ grant_type: 'client_credentials', scope: 'crm.objects.contacts.read', ...client() });
      expect(viaBody.status).toBe(200);
      expect(viaBody.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 1800, scope: 'crm.objects.contacts.read' });
      expect(viaBody.headers.get('cache-control')).toBe('no-store');
      expect(viaBody.headers.get('pragma')).toBe('no-cache');
      const viaBasic = await token({ grant_type: 'client_credentials' }, [sandbox.credentials.oauthClientId, sandbox.credentials.oauthClientSecret]);
      expect(viaBasic.status).toBe(200);
      expect(viaBasic.body).not.toHaveProperty('refresh_token');
      expect(sandbox.state.oauth.issuedCount('client_credentials')).toBe(2);
    });

    it.each([
      ['a wrong secret', { grant_type: 'client_credentials', client_id: 'sandbox-client-id', client_secret: 'nope' }, 401, 'invalid_client'],
      ['an unknown client', { grant_type: 'client_credentials', client_id: 'who', client_secret: 'x' }, 401, 'invalid_client'],
      ['no client auth', { grant_type: 'client_credentials' }, 401, 'invalid_client'],
      ['no grant_type', { client_id: 'sandbox-client-id', client_secret: 'sandbox-client-secret' }, 400, 'invalid_request'],
      ['the password grant', { grant_type: 'password', client_id: 'sandbox-client-id', client_secret: 'sandbox-client-secret' }, 400, 'unsupported_grant_type'],
      ['an unknown refresh token', { grant_type: 'refresh_token', refresh_token: 'stolen', client_id: 'sandbox-client-id', client_secret: 'sandbox-client-secret' }, 400, 'invalid_grant'],
    ])('refuses %s per RFC 6749 §5.2', async (_case, params, status, error) => {
      const res = await token(params);
      expect(res.status).toBe(status);
      expect(res.body).toEqual({ error, error_description: expect.any(String) });
      if (status === 401) expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
      expect(sandbox.state.oauth.requests.at(-1)).toMatchObject({ status, error });
      expect(JSON.stringify(sandbox.state.oauth.requests)).not.toContain('sandbox-client-secret');
    });

    it('refuses two client authentication methods at once', async () => {
      const res = await token({ grant_type: 'client_credentials', ...client() }, [sandbox.credentials.oauthClientId, sandbox.credentials.oauthClientSecret]);
      expect(res).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    });

    it('keeps the refresh token without rotation', async () => {
      const first = await refresh();
      expect(first.body).toMatchObject({ token_type: 'Bearer', refresh_token: sandbox.credentials.oauthRefreshToken });
      const second = await refresh();
      expect(second.status).toBe(200);
      expect(second.body.access_token).not.toBe(first.body.access_token);
      expect(sandbox.state.oauth.issuedCount('refresh_token')).toBe(2);
    });

    it('rotates refresh tokens when asked: the old one then answers invalid_grant', async () => {
      sandbox.state.oauth.settings.rotateRefreshTokens = true;
      const first = await refresh();
      expect(first.body.refresh_token).toMatch(/^sbx_rt_/);
      expect(first.body.refresh_token).not.toBe(sandbox.credentials.oauthRefreshToken);
      expect(await refresh()).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
      const next = await refresh(first.body.refresh_token as string);
      expect(next.status).toBe(200);
      expect(sandbox.state.oauth.issuedCount('refresh_token')).toBe(2);
      expect(sandbox.state.oauth.requests.map((r) => r.status)).toEqual([200, 400, 200]);
    });
  });

  describe('HubSpot CRM', () => {
    const accessToken = async () => (await refresh()).body.access_token as string;

    it('reads a contact with issued tokens, with default or requested properties', async () => {
      const at = await accessToken();
      const res = await crm(at, 'contacts/101');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: '101',
        properties: { createdate: expect.any(String), email: 'maya.chen@example.com', firstname: 'Maya', hs_object_id: '101', lastmodifieddate: expect.any(String), lastname: 'Chen' },
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        archived: false,
      });
      const picked = await crm(at, 'contacts/101?properties=lifecyclestage,phone');
      expect(picked.body.properties).toEqual({ lifecyclestage: 'customer', phone: '+14155550101' });
      expect((await crm(sandbox.credentials.hubspotPrivateAppToken, 'contacts/102')).status).toBe(200);
    });

    it('updates a contact with PATCH and keeps the change', async () => {
      const at = await accessToken();
      const before = sandbox.state.hubspot.contacts.get('101')?.updatedAt;
      await sleep(5);
      const res = await crm(at, 'contacts/101', { method: 'PATCH', body: { properties: { ai_sentiment: 'negative', lifecyclestage: 'opportunity' } } });
      expect(res.status).toBe(200);
      expect(res.body.properties).toMatchObject({ ai_sentiment: 'negative', lifecyclestage: 'opportunity' });
      expect(sandbox.state.hubspot.contacts.get('101')?.properties.ai_sentiment).toBe('negative');
      expect(sandbox.state.hubspot.contacts.get('101')?.updatedAt).not.toBe(before);
      const readOnly = await crm(at, 'contacts/101', { method: 'PATCH', body: { properties: { hs_object_id: '9' } } });
      expect(readOnly.status).toBe(400);
      expect(readOnly.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
      expect(readOnly.body.message).toContain('READ_ONLY_VALUE');
    });

    it('answers 401 EXPIRED_AUTHENTICATION once the token expired, and a refreshed token works', async () => {
      sandbox.state.oauth.settings.accessTokenTtlSeconds = 1;
      const first = await refresh();
      expect(first.body.expires_in).toBe(1);
      expect((await crm(first.body.access_token as string, 'contacts/101')).status).toBe(200);
      await sleep(1100);
      const expired = await crm(first.body.access_token as string, 'contacts/101');
      expect(expired.status).toBe(401);
      expect(expired.body).toMatchObject({ status: 'error', category: 'EXPIRED_AUTHENTICATION', correlationId: expect.any(String) });
      expect(expired.body.message).toMatch(/^The OAuth token used to make this call expired \d+ second\(s\) ago\.$/);
      expect(expired.headers.get('x-hubspot-correlation-id')).toBe(expired.body.correlationId);
      const second = await refresh();
      expect((await crm(second.body.access_token as string, 'contacts/101')).status).toBe(200);
      expect(sandbox.state.oauth.issuedCount('refresh_token')).toBe(2);
    });

    it('expireAccessTokens() makes the next call fail without waiting', async () => {
      const at = await accessToken();
      sandbox.state.oauth.expireAccessTokens();
      expect((await crm(at, 'contacts/101')).body.category).toBe('EXPIRED_AUTHENTICATION');
    });

    it('answers 401 INVALID_AUTHENTICATION for unknown or missing tokens and 404 OBJECT_NOT_FOUND', async () => {
      expect((await crm('made-up', 'contacts/101')).body).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
      expect((await crm(null, 'contacts/101')).status).toBe(401);
      const missing = await crm(await accessToken(), 'contacts/999999');
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND', correlationId: expect.any(String) });
    });

    it('lists contacts with paging.next.after until there is no next page', async () => {
      const at = await accessToken();
      const ids: string[] = [];
      let after: string | undefined;
      do {
        const page = await crm(at, `contacts?limit=2${after ? `&after=${after}` : ''}`);
        ids.push(...page.body.results.map((c: Json) => c.id));
        after = page.body.paging?.next?.after;
        if (after) expect(page.body.paging.next.link).toBe(`${sandbox.urls.hubspot}/crm/v3/objects/contacts?limit=2&after=${after}`);
      } while (after);
      // The three customers, two leads, then the twelve customers of the grown demo shop (106…117).
      expect(ids).toEqual(Array.from({ length: 17 }, (_, i) => String(101 + i)));
    });

    it('creates a note associated with a contact, and a ticket', async () => {
      const at = await accessToken();
      const note = await crm(at, 'notes', {
        method: 'POST',
        body: {
          properties: { hs_timestamp: new Date().toISOString(), hs_note_body: 'Customer sounds upset (AI sentiment: negative).' },
          associations: [{ to: { id: '102' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }] }],
        },
      });
      expect(note.status).toBe(201);
      expect(note.body.properties.hs_note_body).toBe('Customer sounds upset (AI sentiment: negative).');
      expect(sandbox.state.hubspot.associatedWith('102', 'notes').map((n) => n.id)).toEqual([note.body.id]);

      const ticket = await crm(at, 'tickets', {
        method: 'POST',
        body: {
          properties: { subject: 'Refund for running shoes', content: 'Sole peeled off', hs_pipeline: '0', hs_pipeline_stage: '1', hs_ticket_priority: 'HIGH' },
          associations: [{ to: { id: '102' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 16 }] }],
        },
      });
      expect(ticket.status).toBe(201);
      expect(sandbox.state.hubspot.associatedWith('102', 'tickets')[0]?.properties.hs_ticket_priority).toBe('HIGH');
    });

    it('refuses a note without hs_timestamp or associated with a missing contact', async () => {
      const at = await accessToken();
      const noTime = await crm(at, 'notes', { method: 'POST', body: { properties: { hs_note_body: 'x' } } });
      expect(noTime).toMatchObject({ status: 400, body: { status: 'error', category: 'VALIDATION_ERROR' } });
      const ghost = await crm(at, 'notes', {
        method: 'POST',
        body: { properties: { hs_timestamp: '2026-01-01T00:00:00Z' }, associations: [{ to: { id: '424242' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }] }] },
      });
      expect(ghost.status).toBe(400);
      expect(sandbox.state.hubspot.notes.size).toBe(0);
    });

    it('sends the rate-limit headers on every answer and 429 RATE_LIMITS past the interval budget', async () => {
      await sandbox.close();
      sandbox = await startSandbox({ limits: { hubspot: { max: 2, intervalMs: 10_000, daily: 1000 } } });
      const at = await accessToken();
      const ok = await crm(at, 'contacts/101');
      expect(Object.fromEntries([...ok.headers].filter(([k]) => k.startsWith('x-hubspot-ratelimit')))).toEqual({
        'x-hubspot-ratelimit-daily': '1000',
        'x-hubspot-ratelimit-daily-remaining': '999',
        'x-hubspot-ratelimit-interval-milliseconds': '10000',
        'x-hubspot-ratelimit-max': '2',
        'x-hubspot-ratelimit-remaining': '1',
      });
      expect((await crm(at, 'contacts/999')).headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
      const limited = await crm(at, 'contacts/101');
      expect(limited.status).toBe(429);
      expect(limited.body).toMatchObject({ status: 'error', category: 'RATE_LIMITS', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
      expect(limited.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
      expect((await crm(null, 'contacts/101')).headers.get('x-hubspot-ratelimit-max')).toBe('2');
    });
  });
});
