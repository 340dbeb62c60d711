/** Shorter values are not scrubbed: they would mangle ordinary words and are no real credential. */
const MIN_LENGTH = 8;
const MASK = '[REDACTED]';

/**
 * The credential values a connector has used, so that no error message, provider message or
 * event can carry one even when a provider echoes it back.
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
}
