import { COPY_AS_IS, copyDeep, someDeep } from '@aiwire/core';
import { foldHex, secretMatchers, type SecretMatcher } from './secret-forms.js';

const MASK = '[REDACTED]';
/**
 * Values remembered; past this the least recently used goes. Static credentials are used (and
 * re-added) on every call, so what goes is a long-replaced OAuth access token, not a live secret.
 */
const MAX_VALUES = 64;

/**
 * The credential values a connector has used, so that no error message, provider message,
 * error `cause` or event can carry one even when a provider echoes it back — as sent, or
 * percent-, form-, JSON- or Base64-encoded (see `encodedForms`). Values of 8 characters or more are
 * masked wherever they appear; shorter ones where they stand alone (see `secretMatchers`).
 */
export class Redactor {
  /** Each value with the matchers of its forms and when it was last added. */
  private readonly values = new Map<string, { readonly matchers: readonly SecretMatcher[]; used: number }>();
  private clock = 0;
  /** Every matcher, longest form first (a value inside another is not masked in half); rebuilt after a change. */
  private matchers: readonly SecretMatcher[] | undefined;

  /** Runs on every call (static credentials are resolved each time): a known value costs a lookup and a write. */
  add(value: string | undefined): void {
    // Blank values (an unset Basic password) are no secret and would match everywhere.
    if (value === undefined || value.trim() === '') return;
    const known = this.values.get(value);
    if (known) {
      known.used = ++this.clock;
      return;
    }
    this.values.set(value, { matchers: secretMatchers(value), used: ++this.clock });
    if (this.values.size > MAX_VALUES) this.values.delete(this.leastRecentlyUsed());
    this.matchers = undefined;
  }

  scrub(text: string): string {
    let out = text;
    let folded = foldHex(text);
    for (const { needle, pattern } of this.current()) {
      if (!folded.includes(needle)) continue;
      const next = out.replace(pattern, MASK);
      if (next !== out) folded = foldHex((out = next));
    }
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
    if (this.values.size === 0 || !someDeep(error, (value) => typeof value === 'string' && this.contains(value))) return error;
    return copyDeep(error, (value) => (typeof value === 'string' ? this.scrub(value) : COPY_AS_IS)) as T;
  }

  private contains(text: string): boolean {
    const folded = foldHex(text);
    // search() ignores the global flag's lastIndex, so a shared expression answers the same every time.
    return this.current().some(({ needle, pattern }) => folded.includes(needle) && text.search(pattern) !== -1);
  }

  private current(): readonly SecretMatcher[] {
    this.matchers ??= [...this.values.values()].flatMap((v) => v.matchers).sort((a, b) => b.needle.length - a.needle.length);
    return this.matchers;
  }

  private leastRecentlyUsed(): string {
    let oldest: [string, number] = ['', Infinity];
    for (const [value, { used }] of this.values) if (used < oldest[1]) oldest = [value, used];
    return oldest[0];
  }
}
