/** Shorter values are not scrubbed: they would mangle ordinary words and are no real credential. */
const MIN_LENGTH = 8;
const MASK = '[REDACTED]';
/** How deep error copies go (cause chains, nested details); deeper values are kept as they are. */
const MAX_DEPTH = 8;

/** Errors, arrays and plain objects are walked; anything else (buffers, sockets, class instances) is opaque. */
function walkable(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return value instanceof Error || Array.isArray(value) || proto === Object.prototype || proto === null;
}

/**
 * The credential values a connector has used, so that no error message, provider message,
 * error `cause` or event can carry one even when a provider echoes it back.
 */
export class Redactor {
  private readonly values = new Set<string>();

  add(value: string | undefined): void {
    if (value !== undefined && value.length >= MIN_LENGTH) this.values.add(value);
  }

  scrub(text: string): string {
    let out = text;
    for (const value of this.values) if (out.includes(value)) out = out.split(value).join(MASK);
    return out;
  }

  /** A copy of `value` with every string scrubbed (objects and arrays walked). */
  scrubDeep(value: unknown): unknown {
    if (typeof value === 'string') return this.scrub(value);
    if (Array.isArray(value)) return value.map((v) => this.scrubDeep(v));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.scrubDeep(v)]));
    }
    return value;
  }

  /**
   * `error` itself when no credential is anywhere in it — message, stack, own properties
   * (non-enumerable ones too), the `cause` chain; else a copy of the same class with every text scrubbed.
   */
  scrubError<T>(error: T): T {
    return this.values.size > 0 && this.leaks(error, 0, new Set()) ? (this.copy(error, 0, new Map()) as T) : error;
  }

  private leaks(value: unknown, depth: number, seen: Set<object>): boolean {
    if (typeof value === 'string') return [...this.values].some((secret) => value.includes(secret));
    if (!walkable(value) || depth > MAX_DEPTH || seen.has(value)) return false;
    seen.add(value);
    return Reflect.ownKeys(value).some((key) => this.leaks(Object.getOwnPropertyDescriptor(value, key)?.value, depth + 1, seen));
  }

  private copy(value: unknown, depth: number, done: Map<object, unknown>): unknown {
    if (typeof value === 'string') return this.scrub(value);
    if (!walkable(value) || depth > MAX_DEPTH) return value;
    if (done.has(value)) return done.get(value);
    const out = (Array.isArray(value) ? [] : Object.create(Object.getPrototypeOf(value) as object | null)) as object;
    done.set(value, out);
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key) as PropertyDescriptor;
      Object.defineProperty(out, key, 'value' in descriptor ? { ...descriptor, value: this.copy(descriptor.value, depth + 1, done) } : descriptor);
    }
    return out;
  }
}
