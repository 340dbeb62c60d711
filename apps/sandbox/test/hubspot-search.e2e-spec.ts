import { DEMO_SHOP, startSandbox, type Sandbox } from '../src/index.js';

type Json = Record<string, any>;
const { customers } = DEMO_SHOP;

describe('HubSpot CRM v3 search stand-in', () => {
  let sandbox: Sandbox;
  const search = async (type: string, body: unknown) => {
    const res = await fetch(`${sandbox.urls.hubspot}/crm/v3/objects/${type}/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sandbox.credentials.hubspotPrivateAppToken}`, 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const one = (propertyName: string, operator: string, value?: string, values?: string[]) => ({ filterGroups: [{ filters: [{ propertyName, operator, ...(value !== undefined && { value }), ...(values && { values }) }] }] });
  const ids = (res: { body: Json }) => (res.body.results as Json[]).map((r) => r.id);

  beforeEach(async () => {
    sandbox = await startSandbox();
  });
  afterEach(() => sandbox.close());

  it('finds a contact by email (EQ, case-insensitive) with the default properties and a total', async () => {
    const res = await search('contacts', one('email', 'EQ', 'Elise.Moreau@example.fr'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      total: 1,
      results: [
        {
          id: customers.elise.hubspotId,
          properties: { createdate: expect.any(String), email: 'elise.moreau@example.fr', firstname: 'Élise', hs_object_id: customers.elise.hubspotId, lastmodifieddate: expect.any(String), lastname: 'Moreau' },
          createdAt: expect.any(String),
          updatedAt: expect.any(String),
          archived: false,
        },
      ],
    });
    expect((await search('contacts', one('email', 'EQ', 'nobody@example.com'))).body).toEqual({ total: 0, results: [] });
  });

  it.each([
    ['NEQ', one('lifecyclestage', 'NEQ', 'customer'), (p: Json) => p.lifecyclestage !== 'customer'],
    ['GT on a number', one('total_revenue', 'GT', '500'), (p: Json) => Number(p.total_revenue) > 500],
    ['LTE on a number', one('total_revenue', 'LTE', '100'), (p: Json) => p.total_revenue !== undefined && Number(p.total_revenue) <= 100],
    ['GTE on a date (epoch ms)', one('createdate', 'GTE', String(Date.now() - 30 * 86_400_000)), (p: Json) => Date.parse(p.createdate) >= Date.now() - 30 * 86_400_000],
    ['LT on a date (ISO)', one('createdate', 'LT', new Date(Date.now() - 100 * 86_400_000).toISOString()), (p: Json) => Date.parse(p.createdate) < Date.now() - 100 * 86_400_000],
    ['HAS_PROPERTY', one('company', 'HAS_PROPERTY'), (p: Json) => Boolean(p.company)],
    ['NOT_HAS_PROPERTY', one('total_revenue', 'NOT_HAS_PROPERTY'), (p: Json) => !p.total_revenue],
    ['CONTAINS_TOKEN (a word)', one('company', 'CONTAINS_TOKEN', 'gmbh'), (p: Json) => /gmbh/i.test(p.company ?? '')],
    ['CONTAINS_TOKEN (a wildcard)', one('email', 'CONTAINS_TOKEN', '*@example.pl'), (p: Json) => String(p.email ?? '').endsWith('@example.pl')],
    ['IN', one('hs_language', 'IN', undefined, ['fr', 'it']), (p: Json) => ['fr', 'it'].includes(p.hs_language)],
  ])('filters with %s exactly as the state says', async (_name, request, expected) => {
    const res = await search('contacts', { ...request, limit: 100 });
    expect(res.status).toBe(200);
    const want = [...sandbox.state.hubspot.contacts.values()].filter((c) => expected(c.properties)).map((c) => c.id);
    expect(want.length).toBeGreaterThan(0);
    expect(ids(res)).toEqual(want);
    expect(res.body.total).toBe(want.length);
  });

  it('ORs filter groups and ANDs the filters of one group', async () => {
    const res = await search('contacts', {
      filterGroups: [
        { filters: [{ propertyName: 'hs_language', operator: 'EQ', value: 'pl' }, { propertyName: 'lifecyclestage', operator: 'EQ', value: 'customer' }] },
        { filters: [{ propertyName: 'email', operator: 'EQ', value: 'maya.chen@example.com' }] },
      ],
    });
    expect(ids(res)).toEqual([customers.maya.hubspotId, customers.tomasz.hubspotId, customers.katarzyna.hubspotId]);
  });

  it('searches tickets and notes by associations.contact, sorted, with the asked properties', async () => {
    const tickets = await search('tickets', { ...one('associations.contact', 'EQ', customers.tomasz.hubspotId), sorts: [{ propertyName: 'createdate', direction: 'DESCENDING' }], properties: ['subject', 'hs_pipeline_stage'] });
    expect(tickets.body.total).toBe(2);
    expect(tickets.body.results.map((t: Json) => t.properties.subject)).toEqual(['Zwrot pieniędzy za plecak', 'Opóźniona dostawa zamówienia']);
    expect(Object.keys(tickets.body.results[0].properties).sort()).toEqual(['createdate', 'hs_lastmodifieddate', 'hs_object_id', 'hs_pipeline_stage', 'subject']);

    const note = sandbox.state.hubspot.create('notes', { hs_note_body: 'Called about the backpack', hs_timestamp: new Date().toISOString() });
    sandbox.state.hubspot.associations.push({ fromType: 'notes', fromId: note.id, toType: 'contacts', toId: customers.tomasz.hubspotId, associationTypeId: 202, associationCategory: 'HUBSPOT_DEFINED' });
    const notes = await search('notes', one('associations.contact', 'EQ', customers.tomasz.hubspotId));
    expect(ids(notes)).toEqual([note.id]);
    expect((await search('tickets', one('associations.contact', 'EQ', customers.maya.hubspotId))).body.total).toBe(0);
  });

  it('pages with limit and paging.next.after', async () => {
    const all = [...sandbox.state.hubspot.contacts.keys()];
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await search('contacts', { limit: 5, ...(after && { after }) });
      seen.push(...ids(page));
      expect(page.body.total).toBe(all.length);
      after = page.body.paging?.next?.after;
    } while (after);
    expect(seen).toEqual(all);
  });

  it('answers 400 VALIDATION_ERROR, as HubSpot does, for an unknown operator, a filter without one, a limit over 200 and bad JSON', async () => {
    const unknown = await search('contacts', one('email', 'LIKE', 'x'));
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR', correlationId: expect.any(String) });
    expect(unknown.body.message).toContain('Cannot deserialize value of type `FilterOperatorType` from String "LIKE": not one of the values accepted for Enum class: [EQ, NEQ, LT, LTE, GT, GTE, BETWEEN, IN, NOT_IN, HAS_PROPERTY, NOT_HAS_PROPERTY, CONTAINS_TOKEN, NOT_CONTAINS_TOKEN]');
    const incomplete = await search('contacts', { filterGroups: [{ filters: [{ propertyName: 'email' }] }] });
    expect(incomplete.body.message).toContain('Cannot build Filter, some of required attributes are not set [propertyName, operator]');
    expect((await search('contacts', { limit: 201 })).status).toBe(400);
    expect((await search('contacts', { filterGroups: Array.from({ length: 6 }, () => one('email', 'HAS_PROPERTY').filterGroups[0]) })).status).toBe(400);
    expect((await search('contacts', '{"filterGroups":')).body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
  });
});
