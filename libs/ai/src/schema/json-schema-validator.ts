import { Ajv, type ValidateFunction } from 'ajv';
import type { JsonSchema } from '../interfaces/chat.interface.js';

// Unknown keywords and formats are tolerated: providers accept schemas written for them.
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

/** Problems of `value` against `schema`, one line per failed constraint (empty when valid). */
export function jsonSchemaErrors(schema: JsonSchema, value: unknown): string[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`.trim());
}
