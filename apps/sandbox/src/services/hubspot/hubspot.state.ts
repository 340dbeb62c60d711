import { NumericIds } from '../../http/ids.js';

export type HubSpotObjectType = 'contacts' | 'notes' | 'tickets';

/** A CRM record as the v3 objects API returns it. */
export interface HubSpotObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

export interface HubSpotAssociation {
  readonly fromType: HubSpotObjectType;
  readonly fromId: string;
  readonly toType: HubSpotObjectType;
  readonly toId: string;
  readonly associationTypeId: number;
  readonly associationCategory: string;
}

/** Properties a GET returns when the caller does not ask for `properties`. */
export const DEFAULT_PROPERTIES: Record<HubSpotObjectType, readonly string[]> = {
  contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  notes: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  tickets: ['content', 'createdate', 'hs_lastmodifieddate', 'hs_object_id', 'hs_pipeline', 'hs_pipeline_stage', 'hs_ticket_category', 'hs_ticket_priority', 'subject'],
};

const CREATED: Record<HubSpotObjectType, [string, string]> = {
  contacts: ['createdate', 'lastmodifieddate'],
  notes: ['hs_createdate', 'hs_lastmodifieddate'],
  tickets: ['createdate', 'hs_lastmodifieddate'],
};

/** The HubSpot portal the stand-in plays. */
export class HubSpotState {
  readonly portalId = 24_117_358;
  readonly contacts = new Map<string, HubSpotObject>();
  readonly notes = new Map<string, HubSpotObject>();
  readonly tickets = new Map<string, HubSpotObject>();
  readonly associations: HubSpotAssociation[] = [];
  private readonly ids: Record<HubSpotObjectType, NumericIds> = {
    contacts: new NumericIds(101),
    notes: new NumericIds(70_110_000_001),
    tickets: new NumericIds(1_850_000_001),
  };

  store(type: HubSpotObjectType): Map<string, HubSpotObject> {
    return this[type];
  }

  create(type: HubSpotObjectType, properties: Record<string, string | null>, at = new Date()): HubSpotObject {
    const id = String(this.ids[type].take());
    const iso = at.toISOString();
    const [created, modified] = CREATED[type];
    const object: HubSpotObject = {
      id,
      properties: { ...properties, [created]: iso, [modified]: iso, hs_object_id: id },
      createdAt: iso,
      updatedAt: iso,
      archived: false,
    };
    this.store(type).set(id, object);
    return object;
  }

  createContact(properties: Record<string, string | null>): HubSpotObject {
    return this.create('contacts', properties);
  }

  update(type: HubSpotObjectType, object: HubSpotObject, properties: Record<string, string | null>): void {
    const iso = new Date().toISOString();
    Object.assign(object.properties, properties, { [CREATED[type][1]]: iso });
    object.updatedAt = iso;
  }

  /** Notes or tickets associated with a contact. */
  associatedWith(contactId: string, type: 'notes' | 'tickets'): HubSpotObject[] {
    return this.associations
      .filter((a) => a.fromType === type && a.toType === 'contacts' && a.toId === contactId)
      .map((a) => this.store(type).get(a.fromId))
      .filter((o): o is HubSpotObject => o !== undefined);
  }
}
