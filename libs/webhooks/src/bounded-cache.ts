/** Bounds of a `BoundedCache`. */
export interface BoundedCacheLimits {
  /** Most entries kept; the oldest not read lately go first. */
  readonly maxEntries: number;
  /** Most bytes kept, as `BoundedCache` accounts them (keys at two bytes a character, plus `sizeOf`). */
  readonly maxBytes: number;
  /** Largest single entry worth keeping; a larger one is not cached at all, so it evicts nothing. */
  readonly maxEntryBytes: number;
}

interface Entry<V> {
  readonly value: V;
  readonly bytes: number;
  /** Read since it was stored or last spared from eviction. */
  used: boolean;
}

/** Bytes of bookkeeping per entry beyond its key and value: the Map slot and the record. */
const ENTRY_OVERHEAD_BYTES = 64;

/**
 * A string-keyed cache bounded in entries and in bytes, which drops what was not read lately
 * (CLOCK: close to LRU, and a hit costs one write). Its keys may come from senders (event types),
 * and a bound on entries alone let a few huge keys hold the heap.
 */
export class BoundedCache<V> {
  // Insertion order is age: the first entry is the oldest.
  private readonly entries = new Map<string, Entry<V>>();
  private heldBytes = 0;

  /** `sizeOf` estimates the bytes `value` keeps alive that no other structure already holds. */
  constructor(
    private readonly limits: BoundedCacheLimits,
    private readonly sizeOf: (value: V) => number,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // A mark, not a move: hits are the hot path, and eviction gives marked entries a second chance.
    entry.used = true;
    return entry.value;
  }

  set(key: string, value: V): void {
    this.delete(key);
    const bytes = key.length * 2 + this.sizeOf(value) + ENTRY_OVERHEAD_BYTES;
    if (bytes > this.limits.maxEntryBytes || bytes > this.limits.maxBytes || this.limits.maxEntries < 1) return;
    while (this.entries.size > 0 && (this.entries.size >= this.limits.maxEntries || this.heldBytes + bytes > this.limits.maxBytes)) {
      this.evictOne();
    }
    // A key may be a slice of a larger string (a header line, a body) and would keep all of it
    // alive; its own copy holds only what was accounted.
    this.entries.set(ownCopy(key), { value, bytes, used: false });
    this.heldBytes += bytes;
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.heldBytes -= entry.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.heldBytes = 0;
  }

  /** Drops the oldest entry not used since it was last given a second chance (the CLOCK policy). */
  private evictOne(): void {
    for (const [key, entry] of this.entries) {
      this.entries.delete(key);
      if (!entry.used) {
        this.heldBytes -= entry.bytes;
        return;
      }
      entry.used = false;
      this.entries.set(key, entry);
    }
  }

  /** Entries held now. */
  get size(): number {
    return this.entries.size;
  }

  /** Bytes held now, as accounted; never above `maxBytes`. */
  get bytes(): number {
    return this.heldBytes;
  }
}

function ownCopy(text: string): string {
  // UTF-16LE carries every code unit as it is, lone surrogates included, so the copy is equal.
  return Buffer.from(text, 'utf16le').toString('utf16le');
}
