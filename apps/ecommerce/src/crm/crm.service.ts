import { Injectable } from '@nestjs/common';
import { InjectConnector, type HubSpotConnector, type HubSpotTicketInput } from '@aiwire/connectors';

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
}
