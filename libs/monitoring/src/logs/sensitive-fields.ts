import { REDACTED } from './logs.constants.js';

/**
 * A field or header name that holds a credential: `authorization`, `cookie`, `set-cookie`,
 * `x-hub-signature-256`, `x-shopify-hmac-sha256`, `svix-signature`, `webhook-signature`,
 * `x-api-key`, `token`, `access_token`, `refreshToken`, `clientSecret`, `password`, `apiKey`,
 * `privateKey`, ... Matched as a whole word of the name (`tokens_in` is not one), camelCase split.
 */
const SENSITIVE_WORD = /(?:^|[-_.])(?:authorization|cookie|passwd|password|passphrase|secret|token|api[-_]?key|private[-_]?key|signature|hmac|credentials?)(?:$|[-_.\d])/;
/** Names seen are few (field names, header names); past this many the answer is computed each time. */
const MAX_CACHED_NAMES = 2_000;
/** How deep into nested plain objects and arrays fields are looked at. */
const MAX_DEPTH = 3;

const decided = new Map<string, boolean>();

/** Whether the field or header `name` holds a credential (cached: a map lookup on the hot path). */
export function isSensitiveName(name: string): boolean {
  let sensitive = decided.get(name);
  if (sensitive === undefined) {
    sensitive = SENSITIVE_WORD.test(name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase());
    if (decided.size < MAX_CACHED_NAMES) decided.set(name, sensitive);
  }
  return sensitive;
}

/**
 * `fields` with every credential-named value replaced by `[REDACTED]`, down to three levels of
 * plain objects and arrays; `fields` itself (no copy) when there is none, which is the usual case.
 * Class instances (a request, an error) are left to their serializers.
 */
export function redactFields<T>(fields: T, depth = MAX_DEPTH): T {
  if (Array.isArray(fields)) {
    let out: unknown[] | undefined;
    fields.forEach((value, index) => {
      const redacted = depth > 0 ? redactFields(value, depth - 1) : value;
      if (redacted !== value) (out ??= [...fields])[index] = redacted;
    });
    return (out ?? fields) as T;
  }
  if (!isPlainObject(fields)) return fields;
  let out: Record<string, unknown> | undefined;
  for (const key in fields) {
    const value = fields[key];
    const redacted = isSensitiveName(key) ? (value === undefined || value === null ? value : REDACTED) : depth > 0 ? redactFields(value, depth - 1) : value;
    if (redacted !== value) (out ??= { ...fields })[key] = redacted;
  }
  return (out ?? fields) as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
