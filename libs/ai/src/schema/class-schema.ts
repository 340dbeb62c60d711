import { createRequire } from 'node:module';
import type { JsonSchema, SchemaClass } from '../interfaces/chat.interface.js';
import { AiConfigurationError } from '../errors/ai-configuration.error.js';
import { messages } from '../ai.messages.js';

const require = createRequire(import.meta.url);

interface ClassTools {
  toSchemas: (options: object) => Record<string, JsonSchema>;
  storage: object;
  plainToInstance: (cls: SchemaClass, plain: unknown) => object;
  validate: (object: object, options: object) => Promise<ValidationErrorLike[]>;
}

interface ValidationErrorLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

let tools: ClassTools | undefined;

/** class-validator, class-transformer and class-validator-jsonschema, loaded on first use (optional peers). */
function load(): ClassTools {
  if (tools) return tools;
  try {
    const jsonschema = require('class-validator-jsonschema') as { validationMetadatasToSchemas: ClassTools['toSchemas'] };
    const transformer = require('class-transformer') as { plainToInstance: ClassTools['plainToInstance'] };
    const storage = (require('class-transformer/cjs/storage') as { defaultMetadataStorage: object }).defaultMetadataStorage;
    const validator = require('class-validator') as { validate: ClassTools['validate'] };
    tools = { toSchemas: jsonschema.validationMetadatasToSchemas, storage, plainToInstance: transformer.plainToInstance, validate: validator.validate };
    return tools;
  } catch (error) {
    throw new AiConfigurationError(messages.classSchemaNeedsValidator(error instanceof Error ? error.message : String(error)));
  }
}

/**
 * The JSON Schema of a class-validator class, nested classes (`@ValidateNested() @Type(() => X)`)
 * included under `$defs`.
 */
export function classToJsonSchema(cls: SchemaClass): JsonSchema {
  const { toSchemas, storage } = load();
  const all = toSchemas({ classTransformerMetadataStorage: storage, refPointerPrefix: '#/$defs/' });
  const root = all[cls.name];
  if (!root || !isRecord(root.properties) || Object.keys(root.properties).length === 0) {
    throw new AiConfigurationError(messages.classSchemaUndecorated(cls.name));
  }
  const defs = referenced(root, all, new Set([cls.name]));
  return Object.keys(defs).length > 0 ? { ...root, $defs: defs } : root;
}

/** The class instance of `value` when it passes the class's validators, else the problems. */
export async function validateWithClass(cls: SchemaClass, value: unknown): Promise<{ instance?: object; errors: string[] }> {
  const { plainToInstance, validate } = load();
  if (!isRecord(value)) return { errors: ['(root) must be an object'] };
  const instance = plainToInstance(cls, value);
  const errors = await validate(instance, { forbidUnknownValues: false });
  return errors.length === 0 ? { instance, errors: [] } : { errors: flatten(errors, '') };
}

function flatten(errors: readonly ValidationErrorLike[], path: string): string[] {
  return errors.flatMap((e) => {
    const at = path ? `${path}.${e.property}` : e.property;
    return [...Object.values(e.constraints ?? {}).map((c) => `${at}: ${c}`), ...flatten(e.children ?? [], at)];
  });
}

function referenced(schema: unknown, all: Record<string, JsonSchema>, seen: Set<string>): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isRecord(node)) return;
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#/$defs/')) {
      const name = node.$ref.slice('#/$defs/'.length);
      const def = all[name];
      if (def && !seen.has(name)) {
        seen.add(name);
        out[name] = def;
        visit(def);
      }
    }
    Object.values(node).forEach(visit);
  };
  visit(schema);
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
