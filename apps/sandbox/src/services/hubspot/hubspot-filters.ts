import { isRecord } from '../../http/request-context.js';

/** The operators of CRM search filters. */
export const OPERATORS = ['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN'] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Filter {
  propertyName: string;
  operator: Operator;
  value?: string;
  highValue?: string;
  values?: string[];
}

/** Reads the value of a property (or `associations.<type>`, the ids associated with the record). */
export type Lookup = (propertyName: string) => string | null | undefined | readonly string[];

/** A parsed filter, or the HubSpot message for a malformed one. */
export function readFilter(raw: unknown): Filter | { error: string } {
  if (!isRecord(raw) || typeof raw.propertyName !== 'string' || typeof raw.operator !== 'string') {
    return { error: 'Invalid input JSON on line 1: Cannot build Filter, some of required attributes are not set [propertyName, operator]' };
  }
  if (!(OPERATORS as readonly string[]).includes(raw.operator)) {
    return { error: `Invalid input JSON on line 1: Cannot deserialize value of type \`FilterOperatorType\` from String "${raw.operator}": not one of the values accepted for Enum class: [${OPERATORS.join(', ')}]` };
  }
  const text = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
  const values = Array.isArray(raw.values) ? raw.values.map(String) : undefined;
  const operator = raw.operator as Operator;
  if ((operator === 'IN' || operator === 'NOT_IN') && !values) return { error: `${operator} filter on ${raw.propertyName} needs "values", a list` };
  if (!['IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY'].includes(operator) && raw.value === undefined) return { error: `${operator} filter on ${raw.propertyName} needs "value"` };
  const value = text(raw.value);
  const highValue = text(raw.highValue);
  return { propertyName: raw.propertyName, operator, ...(value !== undefined && { value }), ...(highValue !== undefined && { highValue }), ...(values && { values }) };
}

/** Whether the record behind `lookup` passes `filter`; text compares case-insensitively, as HubSpot's search does. */
export function matches(filter: Filter, lookup: Lookup): boolean {
  const found = lookup(filter.propertyName);
  const actual = Array.isArray(found) ? found : found === null || found === undefined || found === '' ? [] : [found as string];
  const has = actual.length > 0;
  const any = (test: (v: string) => boolean) => actual.some(test);
  const value = filter.value ?? '';
  switch (filter.operator) {
    case 'HAS_PROPERTY': return has;
    case 'NOT_HAS_PROPERTY': return !has;
    case 'EQ': return any((v) => same(v, value));
    case 'NEQ': return !any((v) => same(v, value));
    case 'IN': return any((v) => (filter.values ?? []).some((w) => same(v, w)));
    case 'NOT_IN': return !any((v) => (filter.values ?? []).some((w) => same(v, w)));
    case 'GT': return any((v) => order(v, value) > 0);
    case 'GTE': return any((v) => order(v, value) >= 0);
    case 'LT': return any((v) => order(v, value) < 0);
    case 'LTE': return any((v) => order(v, value) <= 0);
    case 'BETWEEN': return any((v) => order(v, value) >= 0 && order(v, filter.highValue ?? value) <= 0);
    case 'CONTAINS_TOKEN': return any((v) => containsToken(v, value));
    case 'NOT_CONTAINS_TOKEN': return !any((v) => containsToken(v, value));
  }
}

const same = (a: string, b: string): boolean => order(a, b) === 0;

/** Numbers as numbers, dates (ISO or epoch milliseconds) as instants, the rest as lower-case text. */
export function order(a: string, b: string): number {
  const na = comparable(a);
  const nb = comparable(b);
  if (typeof na === 'number' && typeof nb === 'number') return na - nb;
  const ta = a.toLowerCase();
  const tb = b.toLowerCase();
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

function comparable(text: string): number | string {
  if (/^-?\d+(\.\d+)?$/.test(text.trim())) return Number(text);
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return ms;
  }
  return text;
}

/** A word of the value (split on anything but letters and digits), or the whole value; `*` is a wildcard. */
function containsToken(actual: string, token: string): boolean {
  const lower = actual.toLowerCase();
  const wanted = token.toLowerCase();
  if (wanted.includes('*')) {
    const pattern = new RegExp(`^${wanted.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    return pattern.test(lower) || lower.split(/[^\p{L}\p{N}]+/u).some((word) => pattern.test(word));
  }
  return lower === wanted || lower.split(/[^\p{L}\p{N}]+/u).includes(wanted);
}
