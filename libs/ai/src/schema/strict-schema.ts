import type { JsonSchema } from '../interfaces/chat.interface.js';

/**
 * Whether OpenAI's strict structured outputs accept the schema: every object lists all its
 * properties as required and sets `additionalProperties: false`. Other schemas are sent with
 * `strict: false` (and the answer is still validated here).
 */
export function isStrictCompatible(schema: JsonSchema): boolean {
  let ok = true;
  const visit = (node: unknown): void => {
    if (!ok || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as Record<string, unknown>;
    if (typeof record.properties === 'object' && record.properties !== null) {
      const names = Object.keys(record.properties);
      const required = Array.isArray(record.required) ? record.required : [];
      if (record.additionalProperties !== false || names.some((n) => !required.includes(n))) ok = false;
    }
    Object.values(record).forEach(visit);
  };
  visit(schema);
  return ok;
}
