/**
 * A property value as the CRM v3 API reads it (always a string, or null).
 * @publicApi
 */
export type HubSpotPropertyValue = string | null;

/**
 * A CRM record (`contacts`, `notes`, `tickets`, ...).
 * @publicApi
 */
export interface HubSpotObject<P extends Record<string, HubSpotPropertyValue | undefined> = Record<string, HubSpotPropertyValue | undefined>> {
  id: string;
  properties: P;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  [field: string]: unknown;
}

/**
 * Default properties of a contact, plus any others asked for.
 * @publicApi
 */
export interface HubSpotContactProperties {
  email?: HubSpotPropertyValue;
  firstname?: HubSpotPropertyValue;
  lastname?: HubSpotPropertyValue;
  createdate?: HubSpotPropertyValue;
  lastmodifieddate?: HubSpotPropertyValue;
  hs_object_id?: HubSpotPropertyValue;
  [property: string]: HubSpotPropertyValue | undefined;
}

/** @publicApi */
export type HubSpotContact = HubSpotObject<HubSpotContactProperties>;

/**
 * Values to write: numbers and booleans are sent as HubSpot's strings, `null` clears a property.
 * @publicApi
 */
export type HubSpotPropertyInput = Readonly<Record<string, string | number | boolean | null>>;

/**
 * One page of a list; `paging.next.after` is the cursor of the following page.
 * @publicApi
 */
export interface HubSpotPage<T> {
  results: T[];
  paging?: { next?: { after: string; link?: string } };
}

/**
 * Options of reads.
 * @publicApi
 */
export interface HubSpotReadParams {
  /** Properties to return instead of the defaults. @default undefined (HubSpot's default properties) */
  properties?: readonly string[];
}

/**
 * Options of `listContacts`.
 * @publicApi
 */
export interface HubSpotListParams extends HubSpotReadParams {
  /** Page size, 1–100. @default 10 (HubSpot's) */
  limit?: number;
  /** Start after this cursor (from `paging.next.after`). @default undefined (the first page) */
  after?: string;
}

/**
 * Options of `createNote`.
 * @publicApi
 */
export interface HubSpotNoteOptions {
  /** When the note happened. @default now */
  timestamp?: Date | string;
  /** Also attach the note to this ticket. @default undefined */
  ticketId?: string;
  /** More note properties. @default {} */
  properties?: HubSpotPropertyInput;
}

/**
 * Fields of `createTicket`.
 * @publicApi
 */
export interface HubSpotTicketInput {
  subject: string;
  /** The ticket's description (`content`). @default undefined */
  content?: string;
  /** @default '0' (the default support pipeline) */
  pipeline?: string;
  /** @default '1' (New) */
  stage?: string;
  /** `hs_ticket_priority`. @default undefined (none) */
  priority?: 'LOW' | 'MEDIUM' | 'HIGH' | 'URGENT';
  /** Associate the ticket with this contact. @default undefined */
  contactId?: string;
  /** More ticket properties. @default {} */
  properties?: HubSpotPropertyInput;
}

/**
 * Operators of a CRM search filter.
 * @publicApi
 */
export type HubSpotFilterOperator =
  | 'EQ'
  | 'NEQ'
  | 'GT'
  | 'GTE'
  | 'LT'
  | 'LTE'
  | 'HAS_PROPERTY'
  | 'NOT_HAS_PROPERTY'
  | 'CONTAINS_TOKEN'
  | 'NOT_CONTAINS_TOKEN'
  | 'IN'
  | 'NOT_IN'
  | 'BETWEEN';

/**
 * One condition on a property (or `associations.contact` and the like).
 * @publicApi
 */
export interface HubSpotFilter {
  propertyName: string;
  operator: HubSpotFilterOperator;
  /** The value compared with; not for `HAS_PROPERTY`, `NOT_HAS_PROPERTY`, `IN`, `NOT_IN`. @default undefined */
  value?: string;
  /** The values of `IN` / `NOT_IN`. @default undefined */
  values?: string[];
  /** The upper bound of `BETWEEN`. @default undefined */
  highValue?: string;
}

/**
 * Filters that must all hold; a search matches records that pass any one group.
 * @publicApi
 */
export interface HubSpotFilterGroup {
  filters: HubSpotFilter[];
}

/**
 * The body of `POST /crm/v3/objects/{objectType}/search`.
 * @publicApi
 */
export interface HubSpotSearchRequest {
  /** Up to 5 groups (OR), 6 filters each (AND), 18 in all. @default undefined (every record) */
  filterGroups?: HubSpotFilterGroup[];
  /** Free text searched in the type's default text properties. @default undefined */
  query?: string;
  /** Properties to return instead of the defaults. @default undefined (HubSpot's default properties) */
  properties?: string[];
  /** One sort. @default undefined (oldest record first) */
  sorts?: { propertyName: string; direction: 'ASCENDING' | 'DESCENDING' }[];
  /** Page size, up to 200. @default 10 (HubSpot's) */
  limit?: number;
  /** The `paging.next.after` of the previous page. @default undefined (the first page) */
  after?: string;
}

/**
 * The answer of a CRM search: the number of matches and one page of them.
 * @publicApi
 */
export interface HubSpotSearchResponse<T extends HubSpotObject = HubSpotObject> {
  total: number;
  results: T[];
  paging?: { next?: { after: string; link?: string } };
}
