import { isRecord } from '../../http/request-context.js';

type Schema = Record<string, unknown>;

/**
 * A value that satisfies `schema` (the JSON Schema subset structured outputs accept), built
 * deterministically: first enum value, smallest allowed number, `minItems` (at least one) items.
 * This is how the stand-ins answer structured-output requests nobody scripted.
 */
export function instanceOf(schema: unknown, root: unknown = schema, depth = 0): unknown {
  if (!isRecord(schema) || depth > 12) return null;
  const resolved = resolveRef(schema, root);
  if ('const' in resolved) return resolved.const;
  if (Array.isArray(resolved.enum) && resolved.enum.length > 0) return resolved.enum[0];
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = resolved[key];
    if (Array.isArray(options) && options.length > 0) return instanceOf(pickNonNull(options, root), root, depth + 1);
  }
  if (Array.isArray(resolved.allOf)) {
    return Object.assign({}, ...resolved.allOf.map((part) => instanceOf(part, root, depth + 1)).filter(isRecord));
  }
  switch (typeOf(resolved)) {
    case 'object':
      return objectOf(resolved, root, depth);
    case 'array': {
      const count = Math.max(1, typeof resolved.minItems === 'number' ? resolved.minItems : 1);
      return Array.from({ length: count }, () => instanceOf(resolved.items ?? {}, root, depth + 1));
    }
    case 'string':
      return stringOf(resolved);
    case 'integer':
      return Math.ceil(numberOf(resolved));
    case 'number':
      return numberOf(resolved);
    case 'boolean':
      return false;
    default:
      return null;
  }
}

function objectOf(schema: Schema, root: unknown, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const properties = isRecord(schema.properties) ? schema.properties : {};
  for (const [name, sub] of Object.entries(properties)) out[name] = instanceOf(sub, root, depth + 1);
  return out;
}

function stringOf(schema: Schema): string {
  const byFormat: Record<string, string> = {
    email: 'user@example.com',
    'date-time': '2026-01-01T00:00:00Z',
    date: '2026-01-01',
    time: '00:00:00Z',
    uri: 'https://example.com/',
    url: 'https://example.com/',
    uuid: '00000000-0000-4000-8000-000000000000',
  };
  let value = (typeof schema.format === 'string' && byFormat[schema.format]) || 'sample';
  if (typeof schema.minLength === 'number') value = value.padEnd(schema.minLength, 'x');
  if (typeof schema.maxLength === 'number') value = value.slice(0, schema.maxLength);
  return value;
}

function numberOf(schema: Schema): number {
  if (typeof schema.minimum === 'number') return schema.minimum;
  if (typeof schema.exclusiveMinimum === 'number') return schema.exclusiveMinimum + 1;
  if (typeof schema.maximum === 'number' && schema.maximum < 0) return schema.maximum;
  return 0;
}

function typeOf(schema: Schema): string | undefined {
  const type = schema.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.find((t): t is string => typeof t === 'string' && t !== 'null') ?? 'null';
  if (isRecord(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

function pickNonNull(options: unknown[], root: unknown): unknown {
  return options.find((option) => isRecord(option) && typeOf(resolveRef(option, root)) !== 'null') ?? options[0];
}

function resolveRef(schema: Schema, root: unknown): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) node = isRecord(node) ? node[decodeURIComponent(part.replace(/~1/g, '/').replace(/~0/g, '~'))] : undefined;
  return isRecord(node) ? node : {};
}
