import type {
  HubSpotContact,
  HubSpotListParams,
  HubSpotNoteOptions,
  HubSpotObject,
  HubSpotPage,
  HubSpotPropertyInput,
  HubSpotReadParams,
  HubSpotSearchRequest,
  HubSpotSearchResponse,
  HubSpotTicketInput,
} from '../interfaces/hubspot.interface.js';
import type { QueryValue } from '../interfaces/request-options.interface.js';
import type { PagedList } from '../pagination/paged-list.js';
import { Connector } from './connector.js';

/** HUBSPOT_DEFINED association type ids (v4 reference). */
const ASSOCIATION = { noteToContact: 202, noteToTicket: 228, ticketToContact: 16 } as const;

const association = (id: string, typeId: number) => ({ to: { id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId }] });
const readQuery = (params: HubSpotReadParams = {}): Record<string, QueryValue> => (params.properties?.length ? { properties: params.properties.join(',') } : {});

/** HubSpot's properties are strings on the wire; numbers and booleans are written as such. */
function toProperties(input: HubSpotPropertyInput = {}): Record<string, string | null> {
  return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, v === null ? null : String(v)]));
}

/**
 * HubSpot CRM v3 objects: contacts, notes and tickets, with `after`-cursor pagination.
 * @publicApi
 */
export class HubSpotConnector extends Connector {
  readonly kind = 'hubspot' as const;

  getContact(id: string, params?: HubSpotReadParams): Promise<HubSpotContact> {
    return this.request({ method: 'GET', path: '/crm/v3/objects/contacts/{id}', params: { id }, query: readQuery(params), operation: 'hubspot.getContact' });
  }

  /** Writes properties (e.g. `{ ai_sentiment: 'negative' }`); the answer holds the written ones. */
  updateContact(id: string, properties: HubSpotPropertyInput): Promise<HubSpotContact> {
    // Writing the same values twice leaves the contact as writing them once, so a lost answer may be resent.
    const retry = { idempotent: true };
    return this.request({ method: 'PATCH', path: '/crm/v3/objects/contacts/{id}', params: { id }, body: { properties: toProperties(properties) }, retry, operation: 'hubspot.updateContact' });
  }

  createContact(properties: HubSpotPropertyInput): Promise<HubSpotContact> {
    return this.request({ method: 'POST', path: '/crm/v3/objects/contacts', body: { properties: toProperties(properties) }, operation: 'hubspot.createContact' });
  }

  /** Contacts in id order; `await` for the first page or `for await` for all of them. */
  listContacts(params: HubSpotListParams = {}): PagedList<HubSpotContact, HubSpotPage<HubSpotContact>> {
    return this.list<HubSpotContact>('contacts', params);
  }

  /** A note on a contact's timeline (and optionally a ticket's). */
  createNote(contactId: string, body: string, options: HubSpotNoteOptions = {}): Promise<HubSpotObject> {
    const timestamp = options.timestamp instanceof Date ? options.timestamp.toISOString() : (options.timestamp ?? new Date().toISOString());
    const associations = [association(contactId, ASSOCIATION.noteToContact)];
    if (options.ticketId) associations.push(association(options.ticketId, ASSOCIATION.noteToTicket));
    return this.request({
      method: 'POST',
      path: '/crm/v3/objects/notes',
      body: { properties: { ...toProperties(options.properties), hs_note_body: body, hs_timestamp: timestamp }, associations },
      operation: 'hubspot.createNote',
    });
  }

  /** A support ticket in the default pipeline's "New" stage unless told otherwise, optionally on a contact. */
  createTicket(input: HubSpotTicketInput): Promise<HubSpotObject> {
    const properties = {
      ...toProperties(input.properties),
      subject: input.subject,
      hs_pipeline: input.pipeline ?? '0',
      hs_pipeline_stage: input.stage ?? '1',
      ...(input.content !== undefined && { content: input.content }),
      ...(input.priority && { hs_ticket_priority: input.priority }),
    };
    const associations = input.contactId ? [association(input.contactId, ASSOCIATION.ticketToContact)] : undefined;
    return this.request({ method: 'POST', path: '/crm/v3/objects/tickets', body: { properties, ...(associations && { associations }) }, operation: 'hubspot.createTicket' });
  }

  /**
   * Searches any CRM object type: filter groups (OR) of filters (AND), `associations.contact` among
   * the properties, one sort, up to 200 a page (`paging.next.after` for the next). A search only
   * reads, so a lost answer is resent.
   */
  search<T extends HubSpotObject = HubSpotObject>(objectType: string, request: HubSpotSearchRequest): Promise<HubSpotSearchResponse<T>> {
    return this.request({ method: 'POST', path: '/crm/v3/objects/{type}/search', params: { type: objectType }, body: request, retry: { idempotent: true }, operation: `hubspot.search.${objectType}` });
  }

  /** Contacts matching the filters, e.g. `{ filterGroups: [{ filters: [{ propertyName: 'total_revenue', operator: 'GTE', value: '500' }] }] }`. */
  searchContacts(request: HubSpotSearchRequest): Promise<HubSpotSearchResponse<HubSpotContact>> {
    return this.search<HubSpotContact>('contacts', request);
  }

  /** Tickets, e.g. a contact's: `{ filterGroups: [{ filters: [{ propertyName: 'associations.contact', operator: 'EQ', value: id }] }] }`. */
  searchTickets(request: HubSpotSearchRequest): Promise<HubSpotSearchResponse> {
    return this.search('tickets', request);
  }

  /** The contact with this email (HubSpot compares it case-insensitively), or undefined. */
  async findContactByEmail(email: string, params: HubSpotReadParams = {}): Promise<HubSpotContact | undefined> {
    const filters = [{ propertyName: 'email', operator: 'EQ' as const, value: email }];
    const found = await this.searchContacts({ filterGroups: [{ filters }], ...(params.properties?.length && { properties: [...params.properties] }), limit: 1 });
    return found.results[0];
  }

  /** Any CRM object type's list (`contacts`, `companies`, `deals`, ...), paged with `after`. */
  list<T extends HubSpotObject = HubSpotObject>(objectType: string, params: HubSpotListParams = {}): PagedList<T, HubSpotPage<T>> {
    const query = { ...readQuery(params), ...(params.limit !== undefined && { limit: params.limit }) };
    const page = (after?: string) => ({ method: 'GET' as const, path: '/crm/v3/objects/{type}', params: { type: objectType }, query: { ...query, ...(after && { after }) }, operation: `hubspot.list.${objectType}` });
    return this.pagedBodies<T, HubSpotPage<T>>(page(params.after), (body) => (body.paging?.next?.after ? page(body.paging.next.after) : undefined), (body) => body.results);
  }
}
