import type { JsonSchema, SchemaClass } from '../interfaces/chat.interface.js';
import type { OutputSpec } from '../providers/ai-provider.interface.js';
import { AiConfigurationError } from '../errors/ai-configuration.error.js';
import { classToJsonSchema, validateWithClass } from './class-schema.js';
import { jsonSchemaErrors } from './json-schema-validator.js';
import { isStrictCompatible } from './strict-schema.js';
import { messages } from '../ai.messages.js';

/** A request's schema, ready to send and to check answers against. */
export interface PreparedOutput {
  /** What providers receive: always an object at the root. */
  spec: OutputSpec;
  /** The user's schema was not an object and sits under `value`. */
  wrapped: boolean;
  /** The JSON Schema (for a class, derived from it): what jobs and cache keys carry. */
  jsonSchema: JsonSchema;
  /** The validated value (a class instance for class schemas), or the problems. */
  validate(value: unknown): Promise<{ value?: unknown; errors: string[] }>;
}

const cache = new WeakMap<object, PreparedOutput>();

export function prepareOutput(schema: SchemaClass | JsonSchema, name?: string): PreparedOutput {
  const known = name === undefined ? cache.get(schema) : undefined;
  if (known) return known;
  const prepared = typeof schema === 'function' ? fromClass(schema, name) : fromJsonSchema(schema, name ?? 'output');
  if (name === undefined) cache.set(schema, prepared);
  return prepared;
}

function fromClass(cls: SchemaClass, name?: string): PreparedOutput {
  const jsonSchema = classToJsonSchema(cls);
  return {
    spec: { name: safeName(name ?? cls.name), schema: jsonSchema, strict: isStrictCompatible(jsonSchema) },
    wrapped: false,
    jsonSchema,
    validate: async (value) => {
      const { instance, errors } = await validateWithClass(cls, value);
      return errors.length > 0 ? { errors } : { value: instance, errors };
    },
  };
}

function fromJsonSchema(schema: JsonSchema, name: string): PreparedOutput {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new AiConfigurationError(messages.badSchema());
  }
  // Tools and json_schema formats need an object at the root; other roots travel under `value`.
  const wrapped = schema.type !== 'object';
  const sent: JsonSchema = wrapped ? { type: 'object', properties: { value: schema }, required: ['value'], additionalProperties: false } : schema;
  return {
    spec: { name: safeName(name), schema: sent, strict: isStrictCompatible(sent) },
    wrapped,
    jsonSchema: schema,
    validate: async (raw) => {
      const value = wrapped && isRecord(raw) ? raw.value : raw;
      const errors = jsonSchemaErrors(schema, value);
      return errors.length > 0 ? { errors } : { value, errors };
    },
  };
}

/** Providers accept `^[a-zA-Z0-9_-]{1,64}$` as schema / tool names. */
function safeName(name: string): string {
  return name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64) || 'output';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
