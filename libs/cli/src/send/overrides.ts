import { CliUsageError } from '../errors.js';
import { sendMessages } from './send.messages.js';

/** One `--set path=value`: a dotted path into the body (array indexes as numbers) and its new value. */
export interface Override {
  readonly path: readonly string[];
  readonly value: unknown;
}

/** `customer.id=42` → path ['customer', 'id'], value 42. Values that parse as JSON are JSON (numbers, booleans, null, quoted strings, objects); the rest are strings. */
export function parseOverride(expression: string): Override {
  const equals = expression.indexOf('=');
  if (equals <= 0) throw new CliUsageError(sendMessages.badSet(expression));
  return { path: parsePath(expression.slice(0, equals), expression), value: parseValue(expression.slice(equals + 1)) };
}

/** `a.b.0.c` → ['a', 'b', '0', 'c']; an empty segment is refused, quoting `expression`. */
export function parsePath(path: string, expression = path): string[] {
  const segments = path.split('.');
  if (segments.some((segment) => segment.length === 0)) throw new CliUsageError(sendMessages.badSet(expression));
  return segments;
}

export function parseValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

// Keys that would reach Object.prototype instead of the body.
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

/** Sets each override in `body` (in place), creating the objects on the way; refuses to set inside a value. */
export function applyOverrides(body: unknown, overrides: readonly Override[]): void {
  for (const { path, value } of overrides) {
    let node = body;
    path.forEach((key, i) => {
      if (FORBIDDEN.has(key) || typeof node !== 'object' || node === null) {
        throw new CliUsageError(sendMessages.setThroughValue(path.join('.'), path.slice(0, i).join('.') || '(the body)'));
      }
      const record = node as Record<string, unknown>;
      if (i === path.length - 1) {
        record[key] = value;
        return;
      }
      if (record[key] === undefined || record[key] === null) record[key] = {};
      node = record[key];
    });
  }
}
