import { isRecord } from './request-context.js';

/**
 * Decodes a form body the way Stripe reads it: `metadata[order_id]=1`, `enabled_events[]=a`
 * and `enabled_events[0]=a` become nested objects and arrays.
 */
export function decodeNestedForm(params: URLSearchParams): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [name, value] of params) {
    const path = parsePath(name);
    if (path.length === 0) continue;
    assign(root, path, value);
  }
  return root;
}

function parsePath(name: string): string[] {
  const head = /^[^[]+/.exec(name)?.[0];
  if (!head) return [];
  const rest = [...name.slice(head.length).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? '');
  return [head, ...rest];
}

function assign(target: Record<string, unknown> | unknown[], path: string[], value: string): void {
  const [key, ...rest] = path;
  if (key === undefined) return;
  const isLast = rest.length === 0;
  const nextIsIndex = rest[0] === '' || /^\d+$/.test(rest[0] ?? '');
  const child = isLast ? value : readChild(target, key) ?? (nextIsIndex ? [] : {});
  if (Array.isArray(target)) {
    if (key === '') target.push(child);
    else target[Number(key)] = child;
  } else {
    target[key] = child;
  }
  if (!isLast && (Array.isArray(child) || isRecord(child))) assign(child, rest, value);
}

function readChild(target: Record<string, unknown> | unknown[], key: string): Record<string, unknown> | unknown[] | undefined {
  const current = Array.isArray(target) ? (key === '' ? undefined : target[Number(key)]) : target[key];
  return Array.isArray(current) || isRecord(current) ? current : undefined;
}

/** A stable text for comparing two decoded parameter sets (idempotency checks). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
