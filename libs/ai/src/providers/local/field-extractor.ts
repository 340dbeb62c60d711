import type { JsonSchema } from '../../interfaces/chat.interface.js';
import { summarizeText } from './extractive-summarizer.js';
import { detectLanguage, isLocal } from './language-detector.js';
import { analyseSentiment } from './sentiment-analyzer.js';
import { keywords } from './keywords.js';
import { PATTERNS, allMatches, amounts, dates, orderIds } from './text-patterns.js';

type Finder = (text: string) => unknown[];

/** Property names → what `local` looks for. The first rule whose pattern matches the name wins. */
const RULES: readonly [RegExp, Finder][] = [
  [/e-?mail/i, (t) => allMatches(t, PATTERNS.email)],
  [/phone|tel|mobile/i, (t) => allMatches(t, PATTERNS.phone)],
  [/url|link|website|site/i, (t) => allMatches(t, PATTERNS.url)],
  // Before the amount rule, whose "sum" would otherwise take "summary".
  [/summary|gist|abstract/i, (t) => [summarizeText(t, 40, localLanguage(t))]],
  [/date|day|when/i, dates],
  [/amount|price|total|cost|sum|money|refund/i, amounts],
  [/order/i, orderIds],
  [/lang/i, (t) => [detectLanguage(t)]],
  [/sentiment|mood|tone/i, (t) => [sentimentLabel(t)]],
  [/topic|keyword|tag|subject|theme/i, (t) => keywords(t, localLanguage(t), 5)],
  [/count|quantity|qty|number/i, (t) => allMatches(t, PATTERNS.integer).map(Number)],
];

/**
 * Fills the properties of an object schema that `local` can find by their names (emails, phones,
 * URLs, dates, amounts, order ids, language, sentiment, summary, topics, counts; string enums by
 * mention). Returns the object and the required properties it could not fill.
 */
export function extractFields(text: string, schema: JsonSchema): { value: Record<string, unknown>; missing: string[] } {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];
  const value: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(properties)) {
    const property = isRecord(raw) ? raw : {};
    const found = fill(text, name, property);
    if (found !== undefined) value[name] = found;
  }
  return { value, missing: required.filter((name) => !(name in value)) };
}

function fill(text: string, name: string, property: Record<string, unknown>): unknown {
  const type = typeOf(property);
  const enumValues = Array.isArray(property.enum) ? property.enum : isRecord(property.items) && Array.isArray(property.items.enum) ? property.items.enum : undefined;
  let found: unknown[] = enumValues ? enumValues.filter((v) => typeof v === 'string' && new RegExp(`\\b${escape(v)}\\b`, 'i').test(text)) : [];
  if (!enumValues) found = RULES.find(([pattern]) => pattern.test(name))?.[1](text) ?? [];
  const itemType = type === 'array' && isRecord(property.items) ? typeOf(property.items) : type;
  found = found.map((v) => coerce(v, itemType)).filter((v) => v !== undefined);
  if (type === 'array') return found.length > 0 ? found : undefined;
  return found[0];
}

function coerce(value: unknown, type: string | undefined): unknown {
  if (type === 'number' || type === 'integer') {
    const n = typeof value === 'number' ? value : Number(value);
    return Number.isFinite(n) && (type === 'number' || Number.isInteger(n)) ? n : undefined;
  }
  if (type === 'string' || type === undefined) return typeof value === 'string' ? value : String(value);
  return undefined;
}

function typeOf(schema: Record<string, unknown>): string | undefined {
  const type = schema.type;
  if (typeof type === 'string') return type;
  return Array.isArray(type) ? type.find((t): t is string => typeof t === 'string' && t !== 'null') : undefined;
}

function localLanguage(text: string): 'en' | 'fr' | 'it' | 'pl' | 'da' | 'ro' {
  const code = detectLanguage(text);
  return isLocal(code) ? code : 'en';
}

function sentimentLabel(text: string): string {
  return analyseSentiment(text, localLanguage(text)).label;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
