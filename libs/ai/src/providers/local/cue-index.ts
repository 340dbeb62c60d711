import { fold } from './text-tokens.js';

/** Prefixes shorter than this stay exact words: "app*" would match "apple" and "appreciate". */
const MIN_PREFIX = 3;

/**
 * Words and stems looked up by a folded word: an entry `"refund"` matches that word only, an entry
 * `"rembours*"` every word it begins (remboursement, remboursé, rembourser). Entries are folded
 * (case and diacritics dropped) on the way in, so one spelling covers "déçu" and "decu".
 */
export class CueIndex<T> {
  private readonly exact = new Map<string, T>();
  private readonly prefixes = new Map<string, T>();
  private longest = 0;

  /** Adds `entry`; a word added twice keeps what `merge` makes of both values. */
  add(entry: string, value: T, merge: (a: T, b: T) => T = (_a, b) => b): void {
    const isPrefix = entry.endsWith('*');
    const key = fold(isPrefix ? entry.slice(0, -1) : entry);
    if (key.length === 0) return;
    const map = isPrefix && key.length >= MIN_PREFIX ? this.prefixes : this.exact;
    const previous = map.get(key);
    map.set(key, previous === undefined ? value : merge(previous, value));
    if (map === this.prefixes) this.longest = Math.max(this.longest, key.length);
  }

  /** The value of the exact entry, else of the longest prefix entry the word begins with. */
  lookup(word: string): T | undefined {
    return this.lookupFolded(fold(word));
  }

  /** `lookup` for a word already folded (callers that look one word up in several indexes fold it once). */
  lookupFolded(folded: string): T | undefined {
    const exact = this.exact.get(folded);
    if (exact !== undefined) return exact;
    for (let length = Math.min(folded.length, this.longest); length >= MIN_PREFIX; length -= 1) {
      const found = this.prefixes.get(folded.slice(0, length));
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** The values of every entry the word matches: the exact one and each prefix it begins with. */
  lookupAll(word: string): T[] {
    const folded = fold(word);
    const found: T[] = [];
    const exact = this.exact.get(folded);
    if (exact !== undefined) found.push(exact);
    for (let length = Math.min(folded.length, this.longest); length >= MIN_PREFIX; length -= 1) {
      const value = this.prefixes.get(folded.slice(0, length));
      if (value !== undefined) found.push(value);
    }
    return found;
  }

  get size(): number {
    return this.exact.size + this.prefixes.size;
  }
}
