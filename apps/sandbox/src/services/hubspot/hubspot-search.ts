import { isRecord, type RequestContext } from '../../http/request-context.js';
import type { Reply } from '../../http/route.js';
import { validationError } from './hubspot.errors.js';
import { matches, order, readFilter, type Filter } from './hubspot-filters.js';
import { DEFAULT_PROPERTIES, type HubSpotObject, type HubSpotObjectType, type HubSpotState } from './hubspot.state.js';

/** HubSpot's caps on one search request. */
const MAX = { groups: 5, filtersPerGroup: 6, filters: 18, limit: 200 } as const;
const SINGULAR: Record<string, HubSpotObjectType> = { contact: 'contacts', note: 'notes', ticket: 'tickets' };
/** What `query` (free text) looks in, per type. */
const QUERY_PROPERTIES: Record<HubSpotObjectType, readonly string[]> = {
  contacts: ['firstname', 'lastname', 'email', 'phone', 'company', 'hs_additional_emails'],
  notes: ['hs_note_body'],
  tickets: ['subject', 'content'],
};

/**
 * POST /crm/v3/objects/:type/search: filter groups (OR of groups, AND within one), `associations.contact`
 * (and `.ticket`, `.note`) as a pseudo-property, one sort, `properties`, `limit` ≤ 200, `after` (an offset).
 * Answers `{ total, results, paging? }`.
 */
export function search(state: HubSpotState, type: HubSpotObjectType, ctx: RequestContext): Reply {
  const parsed = ctx.json();
  if (!parsed.ok) return validationError(`Invalid input JSON on line 1: ${parsed.error}`);
  const body = parsed.value;
  if (!isRecord(body)) return validationError('Invalid input JSON: the request body must be an object');
  const groups = readGroups(body.filterGroups);
  if ('error' in groups) return validationError(groups.error);
  const limit = body.limit === undefined ? 10 : Number(body.limit);
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX.limit) return validationError(`limit must be between 0 and ${MAX.limit}, got ${String(body.limit)}`);
  const offset = body.after === undefined || body.after === null || body.after === '' ? 0 : Number(body.after);
  if (!Number.isInteger(offset) || offset < 0) return validationError(`Invalid input JSON on line 1: after must be a number, got "${String(body.after)}"`);
  const sorts = Array.isArray(body.sorts) ? body.sorts : [];
  if (sorts.length > 1) return validationError('Only one sort is allowed per search.');
  const sort = readSort(sorts[0]);
  const query = typeof body.query === 'string' ? body.query.trim().toLowerCase() : '';

  const lookup = (object: HubSpotObject) => (name: string) => {
    const linked = /^associations\.(\w+)$/.exec(name)?.[1];
    if (!linked) return object.properties[name];
    const toType = SINGULAR[linked];
    return state.associations.filter((a) => a.fromType === type && a.fromId === object.id && a.toType === toType).map((a) => a.toId);
  };
  const hits = [...state.store(type).values()]
    .filter((o) => !o.archived)
    .filter((o) => groups.list.length === 0 || groups.list.some((group) => group.every((f) => matches(f, lookup(o)))))
    .filter((o) => !query || QUERY_PROPERTIES[type].some((p) => (o.properties[p] ?? '').toLowerCase().includes(query)))
    .sort((a, b) => (sort ? sort.sign * order(a.properties[sort.property] ?? '', b.properties[sort.property] ?? '') : 0) || Number(a.id) - Number(b.id));

  const asked = Array.isArray(body.properties) ? body.properties.map(String) : [];
  const names = new Set(asked.length > 0 ? [...asked, 'hs_object_id', ...DEFAULT_PROPERTIES[type].filter((p) => p.endsWith('date'))] : DEFAULT_PROPERTIES[type]);
  const page = hits.slice(offset, offset + limit).map((o) => ({ ...o, properties: Object.fromEntries(Object.entries(o.properties).filter(([k]) => names.has(k))) }));
  const next = offset + limit < hits.length ? String(offset + limit) : undefined;
  return { status: 200, body: { total: hits.length, results: page, ...(next && { paging: { next: { after: next } } }) } };
}

function readGroups(raw: unknown): { list: Filter[][] } | { error: string } {
  if (raw === undefined || raw === null) return { list: [] };
  if (!Array.isArray(raw)) return { error: 'Invalid input JSON on line 1: "filterGroups" must be an array' };
  if (raw.length > MAX.groups) return { error: `Too many filter groups: ${raw.length}; at most ${MAX.groups} are allowed.` };
  const list: Filter[][] = [];
  let count = 0;
  for (const group of raw) {
    const filters: unknown[] = isRecord(group) && Array.isArray(group.filters) ? group.filters : [];
    if (filters.length > MAX.filtersPerGroup) return { error: `Too many filters in a group: ${filters.length}; at most ${MAX.filtersPerGroup} are allowed.` };
    count += filters.length;
    const read: Filter[] = [];
    for (const f of filters) {
      const filter = readFilter(f);
      if ('error' in filter) return filter;
      read.push(filter);
    }
    list.push(read);
  }
  if (count > MAX.filters) return { error: `Too many filters: ${count}; at most ${MAX.filters} are allowed across all groups.` };
  return { list };
}

/** `{ propertyName, direction }`, or the short form `'createdate'` / `'-createdate'`. */
function readSort(raw: unknown): { property: string; sign: 1 | -1 } | undefined {
  if (typeof raw === 'string' && raw !== '') return raw.startsWith('-') ? { property: raw.slice(1), sign: -1 } : { property: raw, sign: 1 };
  if (isRecord(raw) && typeof raw.propertyName === 'string') return { property: raw.propertyName, sign: raw.direction === 'DESCENDING' ? -1 : 1 };
  return undefined;
}
