import { eq } from 'drizzle-orm';
import { FlowsService, type FlowRunDetail } from '@aiwire/flows';
import { DEMO_SHOP } from '@aiwire/sandbox';
import type { DatabaseDriver } from '../src/db/index.js';
import { schema as s } from '../src/db/index.js';
import { DEMO_SECRETS, type RunningShop } from '../src/shop/start-shop.js';
import { startTestShop } from './test-shop.js';
import { ShopRepository } from '../src/shop/shop.repository.js';
import { waitFor } from '../../../test/support/wait.js';

interface TicketInput {
  customer_email: string;
  subject: string;
  body: string;
  priority?: 'low' | 'normal' | 'high' | 'urgent';
}

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/** Flow 5 end to end: helpdesk ticket → CRM history → AI with the history → CRM → escalation → row. */
describe.each<DatabaseDriver>(['pglite', 'pg'])('the support-ticket flow on %s', (driver) => {
  let shop: RunningShop;
  let flows: FlowsService;

  beforeAll(async () => {
    shop = await startTestShop(driver, { logger: ['error'] });
    flows = shop.app.get(FlowsService);
  }, 60_000);
  afterAll(async () => {
    await shop?.close();
  });
  afterEach(() => shop.sandbox.faults.clear());

  /** Opens a ticket at the helpdesk, which signs and delivers `ticket.created` to the shop. */
  async function openTicket(input: TicketInput): Promise<string> {
    const res = await fetch(`${shop.sandbox.urls.helpdesk}/helpdesk/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': shop.sandbox.credentials.helpdeskApiKey },
      body: JSON.stringify({ priority: 'normal', ...input }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }

  /** The run the delivery of helpdesk ticket `ticketId` started (its id is the webhook event id), once it reached `status`. */
  async function runOf(ticketId: string, status: 'completed' | 'failed' = 'completed', timeoutMs = 20_000): Promise<FlowRunDetail> {
    const run = await waitFor(async () => {
      const { runs } = await flows.list({ flow: 'support-ticket', limit: 500 });
      const found = runs.find((r) => (r.input as { data?: { id?: string } }).data?.id === ticketId);
      return found && ['completed', 'failed'].includes(found.status) ? found : undefined;
    }, timeoutMs, `the support-ticket run of ${ticketId}`);
    expect(run.status, JSON.stringify(run.error)).toBe(status);
    return (await flows.get(run.id))!;
  }

  const rowOf = async (ticketId: string) => (await shop.db.select().from(s.tickets).where(eq(s.tickets.helpdeskId, ticketId)))[0];
  const crmTicketsOf = (ticketId: string, role?: string) =>
    [...shop.sandbox.state.hubspot.tickets.values()].filter((t) => t.properties.helpdesk_ticket_id === ticketId && (role === undefined || t.properties.aiwire_role === role));
  const supportPosts = (needle: string) => shop.sandbox.state.slack.messagesIn('#support').filter((m) => m.text.includes(needle));

  it('escalates a negative French ticket from a VIP with history: CRM updated, escalation ticket, a #support summary of ticket and history', async () => {
    const elise = DEMO_SHOP.customers.elise;
    // The order flows link a Shopify customer to the email; here the link is made as they make it.
    await shop.app.get(ShopRepository).upsertCustomer({ email: elise.email, shopifyId: elise.shopifyId, name: `${elise.firstName} ${elise.lastName}` });
    const body =
      "Bonjour, je suis très déçue. Mes écouteurs Aurora Pro ne fonctionnent toujours pas : le côté gauche ne charge plus du tout, comme il y a trois semaines. " +
      "C'est la deuxième fois que ce produit tombe en panne et personne ne m'a proposé d'échange. C'est inadmissible pour un casque à ce prix. Je veux un remplacement immédiat.";
    const id = await openTicket({ customer_email: elise.email, subject: 'Écouteurs encore en panne', body });
    const run = await runOf(id);
    expect(run.steps.map((st) => st.id)).toEqual(['crm-history', 'analyse', 'crm-update', 'summarize', 'escalation-ticket', 'notify-support', 'store']);

    const row = (await rowOf(id))!;
    expect(row).toMatchObject({ category: 'product', sentimentLabel: 'negative', priority: 'HIGH', escalated: true, language: 'fr' });
    expect(row.sentimentScore).toBeLessThan(0);
    const [customer] = await shop.db.select().from(s.customers).where(eq(s.customers.id, row.customerId!));
    expect(customer).toMatchObject({ email: elise.email, shopifyId: elise.shopifyId });

    // The summary is of the ticket AND the history (her past ticket, her orders), not the ticket echoed.
    const summary = row.summary!;
    expect(summary).toMatch(/past support ticket|lifetime value|orders/);
    expect(summary).toContain('Élise Moreau');
    expect(summary).not.toContain(body);
    expect(words(summary)).toBeLessThanOrEqual(50);
    expect(words(summary)).toBeLessThan(words(body) + 20);

    // HubSpot: the contact's properties, the triage ticket on the contact, one HIGH escalation ticket.
    const contact = shop.sandbox.state.hubspot.contacts.get(elise.hubspotId)!;
    expect(contact.properties).toMatchObject({ last_ticket_category: 'product', last_ticket_sentiment: 'negative', last_ticket_priority: 'HIGH' });
    const [triage] = crmTicketsOf(id, 'triage');
    expect(triage).toBeDefined();
    expect(triage!.id).toBe(row.crmTicketId);
    expect(triage!.properties).toMatchObject({ subject: '[product] Écouteurs encore en panne', hs_ticket_priority: 'HIGH', hs_ticket_category: 'PRODUCT_ISSUE' });
    expect(shop.sandbox.state.hubspot.associations).toContainEqual(expect.objectContaining({ fromType: 'tickets', fromId: triage!.id, toType: 'contacts', toId: elise.hubspotId }));
    const escalations = crmTicketsOf(id, 'escalation');
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.id).toBe(row.escalationTicketId);
    expect(escalations[0]!.properties).toMatchObject({ hs_ticket_priority: 'HIGH' });
    expect(escalations[0]!.properties.content).toContain(summary);
    expect(escalations[0]!.properties.content).toMatch(/repeat product issue/);

    // Slack: one #support post with that summary and why it was escalated.
    const posts = supportPosts(elise.email);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.text).toContain(summary);
    expect(posts[0]!.text).toMatch(/VIP customer/);
    expect(posts[0]!.text).toContain(escalations[0]!.id);
  });

  it('does not escalate a neutral shipping question from a new customer; the CRM gets a lead and a LOW ticket', async () => {
    const email = `new.customer.${driver}@example.com`;
    const id = await openTicket({ customer_email: email, subject: 'Delivery time to Canada', body: 'Hello, how long does delivery to Toronto usually take, and which carrier do you use for parcels?' });
    const run = await runOf(id);
    expect(run.steps.map((st) => st.id)).toEqual(['crm-history', 'analyse', 'crm-update', 'store']);
    expect(await rowOf(id)).toMatchObject({ category: 'shipping', priority: 'LOW', escalated: false, summary: null, escalationTicketId: null, language: 'en' });
    expect((await rowOf(id))!.sentimentLabel).not.toBe('negative');

    const contact = [...shop.sandbox.state.hubspot.contacts.values()].find((c) => c.properties.email === email);
    expect(contact?.properties).toMatchObject({ lifecyclestage: 'lead', last_ticket_category: 'shipping' });
    expect(crmTicketsOf(id, 'triage')).toHaveLength(1);
    expect(crmTicketsOf(id, 'triage')[0]!.properties.hs_ticket_priority).toBe('LOW');
    expect(crmTicketsOf(id, 'escalation')).toHaveLength(0);
    expect(supportPosts(email)).toHaveLength(0);
  });

  it('rates the same question HIGH and escalates it for a customer with recent tickets and a high lifetime value (offline too)', async () => {
    const tomasz = DEMO_SHOP.customers.tomasz;
    const id = await openTicket({ customer_email: tomasz.email, subject: 'Delivery time to Canada', body: 'Hello, how long does delivery to Toronto usually take, and which carrier do you use for parcels?' });
    await runOf(id);
    // Same words as the new customer's LOW ticket: his two tickets of the last 12 days and his revenue make the difference.
    expect(await rowOf(id)).toMatchObject({ category: 'shipping', priority: 'HIGH', escalated: true });
    expect(crmTicketsOf(id, 'escalation')[0]!.properties.content).toMatch(/2 other tickets in the last 30 days; high-value customer/);
    expect((await rowOf(id))!.summary).toMatch(/Tomasz Kowalski opened 2 past support tickets/);
  });

  it('records a ticket in a language no provider reads (German, offline) as neutral instead of failing', async () => {
    const email = `german.${driver}@example.de`;
    const id = await openTicket({ customer_email: email, subject: 'Lieferung', body: 'Guten Tag, wann wird meine Bestellung geliefert? Ich warte seit einer Woche auf das Paket.' });
    await runOf(id);
    expect(await rowOf(id)).toMatchObject({ sentimentLabel: 'neutral', sentimentScore: 0, language: null, escalated: false });
  });

  it('categorises French and Polish tickets offline (billing, shipping, product, other)', { timeout: 60_000 }, async () => {
    const cases: [string, string, string, string][] = [
      ['fr', 'Double prélèvement', "On m'a débité deux fois pour la même commande, merci de rembourser le second paiement.", 'billing'],
      ['fr', 'Colis introuvable', "Mon colis n'est toujours pas arrivé, le suivi du transporteur n'a pas bougé depuis dix jours.", 'shipping'],
      ['fr', 'Lampe défectueuse', 'La lampe clignote sans arrêt et la lumière est trop faible, elle est défectueuse.', 'product'],
      ['fr', 'Mot de passe', 'Je voudrais changer mon mot de passe et mon adresse e-mail de connexion.', 'other'],
      ['pl', 'Podwójna płatność', 'Pobrano mi pieniądze dwa razy za to samo zamówienie, proszę o zwrot jednej płatności.', 'billing'],
      ['pl', 'Paczka nie dotarła', 'Moja paczka jeszcze nie dotarła, a numer śledzenia przesyłki nic nie pokazuje od tygodnia.', 'shipping'],
      ['pl', 'Wadliwe słuchawki', 'Słuchawki przestały działać po tygodniu, lewa strona w ogóle nie gra.', 'product'],
      ['pl', 'Zmiana hasła', 'Chciałbym zmienić hasło do konta i adres e-mail.', 'other'],
    ];
    const ids = await Promise.all(cases.map(([lang, subject, body], i) => openTicket({ customer_email: `lang.${lang}.${i}.${driver}@example.com`, subject, body })));
    for (const [i, id] of ids.entries()) {
      await runOf(id);
      const [language, , , category] = cases[i]!;
      expect(await rowOf(id), cases[i]![2]).toMatchObject({ category, language });
    }
  });

  it('fails on a HubSpot 500 during the CRM update, and a replay completes without a second CRM ticket, escalation or Slack post', { timeout: 60_000 }, async () => {
    const tomasz = DEMO_SHOP.customers.tomasz;
    const postsBefore = shop.sandbox.state.slack.messagesIn('#support').length;
    // Every attempt of the step fails: creating the CRM ticket answers 500 until cleared (a POST is not
    // resent by the connector, so each of the step's 3 attempts is one failure: below the circuit breaker's 5).
    shop.sandbox.faults.inject('hubspot', { status: 500, times: 1_000, method: 'POST', path: /\/crm\/v3\/objects\/tickets$/ });
    const id = await openTicket({
      customer_email: tomasz.email, subject: 'Znowu problem z plecakiem',
      body: 'Dzień dobry, plecak nadal jest uszkodzony, szew znowu się rozdarł. To skandal, czekam na zwrot pieniędzy od tygodnia i nikt nie odpowiada.',
    });
    const failed = await runOf(id, 'failed', 30_000);
    expect(failed.error).toMatchObject({ step: 'crm-update' });
    expect(failed.error?.message).toMatch(/500/);
    expect(crmTicketsOf(id)).toHaveLength(0);
    expect(await rowOf(id)).toBeUndefined();
    await shop.recorded();
    const [mirrored] = await shop.db.select().from(s.flowRuns).where(eq(s.flowRuns.id, failed.id));
    expect(mirrored?.status).toBe('failed');

    shop.sandbox.faults.clear();
    const historyCalls = shop.sandbox.state.requests.entries.filter((e) => e.path.endsWith('/search')).length;
    await flows.replay(failed.id);
    const done = await waitFor(async () => {
      const r = await flows.get(failed.id);
      return r && r.status !== 'running' && r.status !== 'queued' && r.status !== 'failed' ? r : undefined;
    }, 20_000, 'the replayed run');
    expect(done.status).toBe('completed');
    // The history and the AI reading were replayed from the run, not fetched again: only the step's own searches ran.
    expect(shop.sandbox.state.requests.entries.filter((e) => e.path.endsWith('/search')).length - historyCalls).toBeLessThanOrEqual(2);

    const row = (await rowOf(id))!;
    expect(row).toMatchObject({ escalated: true, priority: 'HIGH', language: 'pl' });
    expect(crmTicketsOf(id, 'triage')).toHaveLength(1);
    expect(crmTicketsOf(id, 'escalation')).toHaveLength(1);
    expect(supportPosts(crmTicketsOf(id, 'escalation')[0]!.id)).toHaveLength(1);
    expect(shop.sandbox.state.slack.messagesIn('#support').length - postsBefore).toBe(1);
    expect(shop.sandbox.state.hubspot.contacts.get(tomasz.hubspotId)!.properties.last_ticket_sentiment).toBe('negative');
    // Tomasz wrote 3 days ago about the same backpack: the history is in the summary.
    expect(row.summary).toMatch(/Tomasz Kowalski opened \d+ past support tickets/);
  });

  it('opens no second CRM ticket when HubSpot created it but the answer was lost (500 after the work)', { timeout: 30_000 }, async () => {
    const email = `lost.answer.${driver}@example.com`;
    shop.sandbox.faults.inject('hubspot', { status: 500, afterHandler: true, method: 'POST', path: /\/crm\/v3\/objects\/tickets$/ });
    const id = await openTicket({ customer_email: email, subject: 'Invoice copy', body: 'Could you send me a copy of the invoice for my last order?' });
    const run = await runOf(id);
    expect(run.steps.find((st) => st.id === 'crm-update')?.attempts).toBe(2);
    expect(crmTicketsOf(id, 'triage')).toHaveLength(1);
    expect((await rowOf(id))!.crmTicketId).toBe(crmTicketsOf(id, 'triage')[0]!.id);
  });

  it('starts one run for a delivery sent twice (the second is answered as a duplicate)', async () => {
    const email = `duplicate.${driver}@example.com`;
    const event = { id: `evt_dup_${driver}_${Date.now()}`, type: 'ticket.created', payload: { id: `tkt_dup_${driver}`, customer_email: email, subject: 'Where is my parcel?', body: 'My parcel has not arrived yet.', priority: 'normal', status: 'open', order_id: null, created_at: new Date().toISOString() } };
    const first = await shop.sandbox.sendWebhook(`${shop.url}/webhooks/helpdesk`, 'hmac-sha256', event, DEMO_SECRETS.helpdesk);
    const second = await shop.sandbox.sendWebhook(`${shop.url}/webhooks/helpdesk`, 'hmac-sha256', event, DEMO_SECRETS.helpdesk);
    expect(first.status).toBe(202);
    expect(second.status).toBe(200);
    await runOf(`tkt_dup_${driver}`);
    const { runs } = await flows.list({ flow: 'support-ticket', limit: 500 });
    expect(runs.filter((r) => (r.input as { data?: { id?: string } }).data?.id === `tkt_dup_${driver}`).map((r) => r.id)).toEqual([event.id]);
    expect(crmTicketsOf(`tkt_dup_${driver}`)).toHaveLength(1);
  });

  it('ends an invalid payload as a failed run that says what is wrong, with nothing applied', async () => {
    const event = { id: `evt_bad_${driver}_${Date.now()}`, type: 'ticket.created', payload: { id: `tkt_bad_${driver}`, customer_email: 'not-an-email', subject: 'Help' } };
    const res = await shop.sandbox.sendWebhook(`${shop.url}/webhooks/helpdesk`, 'hmac-sha256', event, DEMO_SECRETS.helpdesk);
    expect(res.status).toBe(202);
    const run = await waitFor(async () => {
      const r = await flows.get(event.id);
      return r?.status === 'failed' ? r : undefined;
    }, 15_000, 'the failed run');
    expect(run.error?.name).toBe('InvalidFlowInputError');
    expect(run.error?.message).toContain('data.customer_email must be an email');
    expect(run.error?.message).toContain('data.body must be a string');
    expect(run.steps).toEqual([]);
    expect(await rowOf(`tkt_bad_${driver}`)).toBeUndefined();
    expect(crmTicketsOf(`tkt_bad_${driver}`)).toHaveLength(0);
    await shop.recorded();
    const [mirrored] = await shop.db.select().from(s.flowRuns).where(eq(s.flowRuns.id, event.id));
    expect(mirrored).toMatchObject({ flow: 'support-ticket', status: 'failed' });
    const links = await shop.db.select().from(s.flowRunEvents).where(eq(s.flowRunEvents.runId, event.id));
    expect(links).toEqual([expect.objectContaining({ eventId: event.id, source: 'helpdesk', type: 'ticket.created' })]);
  });
});
