import { Injectable } from '@nestjs/common';
import { InjectConnector, type HubSpotConnector, type HubSpotContact, type HubSpotObject, type HubSpotPropertyInput, type HubSpotTicketInput } from '@aiwire/connectors';

/** A CRM ticket as the support flow reads a customer's history. */
export interface CrmTicket {
  readonly id: string;
  readonly subject: string;
  readonly createdAt: string;
  readonly priority?: string;
  /** HubSpot's `hs_ticket_category` (`PRODUCT_ISSUE`, `BILLING_ISSUE`, …). */
  readonly hubspotCategory?: string;
  /** Our category, on tickets the support flow opened (`aiwire_category`). */
  readonly category?: string;
  /** The helpdesk ticket a flow opened it for (`helpdesk_ticket_id`). */
  readonly helpdeskTicketId?: string;
}

/** The contact properties the support flow reads; `total_revenue` is HubSpot's lifetime revenue. */
const CONTACT_PROPERTIES = ['email', 'firstname', 'lastname', 'total_revenue', 'hs_language', 'last_ticket_category', 'last_ticket_sentiment', 'last_ticket_at'];
const TICKET_PROPERTIES = ['subject', 'createdate', 'hs_ticket_priority', 'hs_ticket_category', 'aiwire_category', 'helpdesk_ticket_id', 'aiwire_role'];

/** The CRM side of every workflow: contacts are matched by email, as across the shop's systems. */
@Injectable()
export class CrmService {
  private readonly contactIds = new Map<string, string>();

  constructor(@InjectConnector('crm') private readonly crm: HubSpotConnector) {}

  async contactId(email: string): Promise<string | undefined> {
    const key = email.toLowerCase();
    const known = this.contactIds.get(key);
    if (known) return known;
    for await (const contact of this.crm.listContacts({ properties: ['email'], limit: 100 })) {
      const address = contact.properties.email;
      if (typeof address === 'string') this.contactIds.set(address.toLowerCase(), contact.id);
    }
    return this.contactIds.get(key);
  }

  async note(email: string, body: string): Promise<string | undefined> {
    const id = await this.contactId(email);
    if (!id) return undefined;
    return (await this.crm.createNote(id, body)).id;
  }

  async update(email: string, properties: Record<string, string | number>): Promise<boolean> {
    const id = await this.contactId(email);
    if (!id) return false;
    await this.crm.updateContact(id, properties);
    return true;
  }

  async ticket(email: string | undefined, input: Omit<HubSpotTicketInput, 'contactId'>): Promise<string> {
    const contactId = email ? await this.contactId(email) : undefined;
    return (await this.crm.createTicket({ ...input, ...(contactId && { contactId }) })).id;
  }

  /** The contact with this email (one search, HubSpot matches emails case-insensitively), with the properties the flows read. */
  async findContact(email: string): Promise<HubSpotContact | undefined> {
    const contact = (await this.crm.findContactByEmail(email, { properties: CONTACT_PROPERTIES })) ?? undefined;
    if (contact) this.contactIds.set(email.toLowerCase(), contact.id);
    return contact;
  }

  /** The contact's tickets, newest first (at most `limit`). */
  async ticketsOf(contactId: string, limit = 20): Promise<CrmTicket[]> {
    const page = await this.crm.searchTickets({
      filterGroups: [{ filters: [{ propertyName: 'associations.contact', operator: 'EQ', value: contactId }] }],
      properties: TICKET_PROPERTIES,
      sorts: [{ propertyName: 'createdate', direction: 'DESCENDING' }],
      limit,
    });
    return page.results.map(toCrmTicket);
  }

  /**
   * The ticket a flow opened for an outside ticket in a role (`triage`, `escalation`), if any: how
   * a step that runs again (its answer lost after HubSpot created the ticket) finds it instead of
   * opening a second one.
   */
  async findFlowTicket(helpdeskTicketId: string, role: string): Promise<string | undefined> {
    const page = await this.crm.searchTickets({
      filterGroups: [{ filters: [{ propertyName: 'helpdesk_ticket_id', operator: 'EQ', value: helpdeskTicketId }, { propertyName: 'aiwire_role', operator: 'EQ', value: role }] }],
      properties: ['helpdesk_ticket_id', 'aiwire_role'],
      limit: 1,
    });
    return page.results[0]?.id;
  }

  /** Opens the ticket of `role` for an outside ticket once: an existing one (see `findFlowTicket`) is returned instead. */
  async ensureFlowTicket(helpdeskTicketId: string, role: string, input: HubSpotTicketInput): Promise<string> {
    const existing = await this.findFlowTicket(helpdeskTicketId, role);
    if (existing) return existing;
    const properties: HubSpotPropertyInput = { ...input.properties, helpdesk_ticket_id: helpdeskTicketId, aiwire_role: role };
    return (await this.crm.createTicket({ ...input, properties })).id;
  }

  /** Writes contact properties; a contact not in the CRM yet is created (a lead) with them. Returns its id. */
  async upsertContact(email: string, properties: HubSpotPropertyInput, known?: string): Promise<string> {
    const id = known ?? (await this.findContact(email))?.id;
    if (id) return (await this.crm.updateContact(id, properties)).id;
    const created = await this.crm.createContact({ email, lifecyclestage: 'lead', ...properties });
    this.contactIds.set(email.toLowerCase(), created.id);
    return created.id;
  }
}

function toCrmTicket(ticket: HubSpotObject): CrmTicket {
  const p = ticket.properties;
  const text = (value: string | null | undefined): string | undefined => (value === null || value === undefined || value === '' ? undefined : value);
  return {
    id: ticket.id,
    subject: p.subject ?? '',
    createdAt: text(p.createdate) ?? ticket.createdAt,
    ...(text(p.hs_ticket_priority) && { priority: text(p.hs_ticket_priority) }),
    ...(text(p.hs_ticket_category) && { hubspotCategory: text(p.hs_ticket_category) }),
    ...(text(p.aiwire_category) && { category: text(p.aiwire_category) }),
    ...(text(p.helpdesk_ticket_id) && { helpdeskTicketId: text(p.helpdesk_ticket_id) }),
  };
}
