/** A body ready to send, with its content type. */
export interface EncodedBody {
  readonly body: string | Uint8Array | undefined;
  readonly contentType: string | undefined;
}

/** Encodes `body` (JSON, or a string/bytes as is) or `form` (x-www-form-urlencoded with nested keys). */
export function encodeBody(body: unknown, form: Readonly<Record<string, unknown>> | undefined): EncodedBody {
  if (form !== undefined) return { body: encodeForm(form), contentType: 'application/x-www-form-urlencoded' };
  if (body === undefined) return { body: undefined, contentType: undefined };
  if (typeof body === 'string' || body instanceof Uint8Array) return { body, contentType: undefined };
  return { body: JSON.stringify(body), contentType: 'application/json; charset=utf-8' };
}

/**
 * Form encoding with nested keys, as Stripe reads it (and stripe-node writes it):
 * `{ metadata: { a: 1 }, events: ['x', 'y'] }` → `metadata[a]=1&events[0]=x&events[1]=y`.
 * `undefined` is left out; `null` and `''` send an empty value (Stripe's way to unset a field).
 */
export function encodeForm(form: Readonly<Record<string, unknown>>): string {
  const params = new URLSearchParams();
  const add = (key: string, value: unknown): void => {
    if (value === undefined) return;
    if (value === null) params.append(key, '');
    else if (Array.isArray(value)) value.forEach((item, i) => add(`${key}[${i}]`, item));
    else if (value instanceof Date) params.append(key, String(Math.floor(value.getTime() / 1000)));
    else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) add(`${key}[${k}]`, v);
    else params.append(key, String(value));
  };
  for (const [key, value] of Object.entries(form)) add(key, value);
  return params.toString();
}

/** The body of an answer: parsed JSON when it says so (or looks like it), text otherwise, undefined when empty. */
export function decodeBody(body: Buffer, contentType: string | undefined): unknown {
  if (body.length === 0) return undefined;
  const text = body.toString('utf8');
  const json = contentType === undefined || /[/+]json\b/i.test(contentType) || /^\s*[[{]/.test(text);
  if (!json) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
