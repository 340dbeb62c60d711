import { isRecord, type RequestContext } from '../../http/request-context.js';
import type { Handler, Reply } from '../../http/route.js';
import { CATEGORY, hubspotError, invalidProperty, objectNotFound, validationError } from './hubspot.errors.js';
import { DEFAULT_PROPERTIES, type HubSpotObject, type HubSpotObjectType, type HubSpotState } from './hubspot.state.js';

const READ_ONLY = new Set(['hs_object_id', 'createdate', 'lastmodifieddate', 'hs_createdate', 'hs_lastmodifieddate']);
const SINGULAR: Record<HubSpotObjectType, string> = { contacts: 'contact', notes: 'note', tickets: 'ticket' };

/** HUBSPOT_DEFINED association type ids we know, by source type: id → target type. */
const ASSOCIATION_TYPES: Partial<Record<HubSpotObjectType, Record<number, HubSpotObjectType>>> = {
  notes: { 202: 'contacts', 228: 'tickets' },
  tickets: { 16: 'contacts' },
};

/** Required properties on create, as HubSpot enforces them. */
const REQUIRED: Record<HubSpotObjectType, readonly string[]> = {
  contacts: [],
  notes: ['hs_timestamp'],
  tickets: ['subject', 'hs_pipeline_stage'],
};

/** Only the requested properties (or the type's defaults), as a GET returns them. */
export function view(type: HubSpotObjectType, object: HubSpotObject, ctx: RequestContext, also: readonly string[] = []): HubSpotObject {
  const asked = ctx.query.getAll('properties').flatMap((p) => p.split(',')).map((p) => p.trim()).filter(Boolean);
  const names = new Set([...(asked.length > 0 ? asked : DEFAULT_PROPERTIES[type]), ...also]);
  const properties = Object.fromEntries(Object.entries(object.properties).filter(([k]) => names.has(k)));
  return { ...object, properties };
}

export function crmHandlers(state: HubSpotState, type: HubSpotObjectType, origin: () => string): { get: Handler; list: Handler; patch: Handler; create: Handler } {
  const store = state.store(type);
  return {
    get(ctx) {
      const object = store.get(ctx.params.id ?? '');
      return object ? { status: 200, body: view(type, object, ctx) } : objectNotFound(ctx.params.id ?? '');
    },
    list(ctx) {
      const limit = Math.min(100, Math.max(1, Number(ctx.query.get('limit') ?? 10) || 10));
      const after = ctx.query.get('after');
      const all = [...store.values()].filter((o) => !o.archived).sort((a, b) => Number(a.id) - Number(b.id));
      const start = after ? all.findIndex((o) => Number(o.id) >= Number(after)) : 0;
      const page = start < 0 ? [] : all.slice(start, start + limit);
      const next = start < 0 ? undefined : all[start + limit];
      const link = next && `${origin()}/crm/v3/objects/${type}?limit=${limit}&after=${next.id}`;
      return { status: 200, body: { results: page.map((o) => view(type, o, ctx)), ...(next && { paging: { next: { after: next.id, link } } }) } };
    },
    patch(ctx) {
      const object = store.get(ctx.params.id ?? '');
      if (!object) return objectNotFound(ctx.params.id ?? '');
      const input = readInput(ctx);
      if ('reply' in input) return input.reply;
      state.update(type, object, input.properties);
      return { status: 200, body: view(type, object, ctx, Object.keys(input.properties)) };
    },
    create(ctx) {
      const input = readInput(ctx);
      if ('reply' in input) return input.reply;
      const missing = REQUIRED[type].find((name) => !input.properties[name]);
      if (missing) return invalidProperty(missing, 'REQUIRED_FIELD', `${missing} is required`);
      if (type === 'contacts' && input.properties.email) {
        const existing = [...store.values()].find((c) => c.properties.email?.toLowerCase() === input.properties.email?.toLowerCase());
        if (existing) return hubspotError(409, CATEGORY.conflict, `Contact already exists. Existing ID: ${existing.id}`);
      }
      const links = readAssociations(state, type, input.associations);
      if ('reply' in links) return links.reply;
      const object = state.create(type, input.properties);
      for (const link of links.list) state.associations.push({ fromType: type, fromId: object.id, ...link });
      return { status: 201, body: view(type, object, ctx, Object.keys(input.properties)) };
    },
  };
}

type Input = { properties: Record<string, string | null>; associations: unknown } | { reply: Reply };

function readInput(ctx: RequestContext): Input {
  const parsed = ctx.json();
  if (!parsed.ok) return { reply: validationError(`Invalid input JSON on line 1: ${parsed.error}`) };
  if (!isRecord(parsed.value) || !isRecord(parsed.value.properties)) return { reply: validationError('Invalid input JSON: "properties" must be an object') };
  const properties: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(parsed.value.properties)) {
    if (READ_ONLY.has(name)) return { reply: invalidProperty(name, 'READ_ONLY_VALUE', `"${name}" is a read only property; its value cannot be set.`) };
    if (value !== null && typeof value === 'object') return { reply: invalidProperty(name, 'INVALID_OPTION', `${JSON.stringify(value)} was not a valid value for ${name}`) };
    properties[name] = value === null ? null : String(value);
  }
  return { properties, associations: parsed.value.associations };
}

type Links = { list: Omit<HubSpotState['associations'][number], 'fromType' | 'fromId'>[] } | { reply: Reply };

function readAssociations(state: HubSpotState, type: HubSpotObjectType, raw: unknown): Links {
  if (raw === undefined) return { list: [] };
  if (!Array.isArray(raw)) return { reply: validationError('Invalid input JSON: "associations" must be an array') };
  const list: Exclude<Links, { reply: Reply }>['list'] = [];
  for (const [i, entry] of raw.entries()) {
    const toId = isRecord(entry) && isRecord(entry.to) ? String(entry.to.id ?? '') : '';
    const types = isRecord(entry) && Array.isArray(entry.types) ? entry.types : [];
    if (!toId || types.length === 0) return { reply: validationError(`associations[${i}] needs "to.id" and "types"`) };
    for (const t of types) {
      const typeId = isRecord(t) ? Number(t.associationTypeId) : NaN;
      const category = isRecord(t) && typeof t.associationCategory === 'string' ? t.associationCategory : 'HUBSPOT_DEFINED';
      const toType = ASSOCIATION_TYPES[type]?.[typeId];
      if (!toType) return { reply: validationError(`${typeId} is not a valid association type id from ${SINGULAR[type]}`) };
      if (!state.store(toType).has(toId)) return { reply: validationError(`One or more associations are invalid: ${SINGULAR[toType]} ${toId} does not exist`) };
      list.push({ toType, toId, associationTypeId: typeId, associationCategory: category });
    }
  }
  return { list };
}
