import { BoundedCache } from './bounded-cache.js';
import { liveHeapBytes } from '../test/heap.js';

const MB = 1_048_576;

describe('BoundedCache', () => {
  it('evicts the least recently used entry when full', () => {
    const cache = new BoundedCache<number>({ maxEntries: 2, maxBytes: MB, maxEntryBytes: MB }, () => 0);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([1, undefined, 3, 2]);
  });

  it('keeps entries read lately through a flood of entries read once', () => {
    const cache = new BoundedCache<number>({ maxEntries: 100, maxBytes: MB, maxEntryBytes: MB }, () => 0);
    cache.set('orders/create', 1);
    for (let i = 0; i < 10_000; i++) {
      expect(cache.get('orders/create')).toBe(1);
      cache.set(`flood/${i}`, i);
    }
    expect(cache.size).toBe(100);
    expect(cache.get('flood/9999')).toBe(9_999);
    expect(cache.get('flood/0')).toBeUndefined();
  });

  it('never holds more bytes than its bound, however large the keys', () => {
    const cache = new BoundedCache<string[]>({ maxEntries: 1_000, maxBytes: 64 * 1024, maxEntryBytes: 16 * 1024 }, (v) => v.length * 8);
    let largest = 0;
    for (let i = 0; i < 2_000; i++) {
      cache.set(`${i}:${'x'.repeat(i * 5)}`, ['a']);
      largest = Math.max(largest, cache.bytes);
      expect(cache.bytes).toBeLessThanOrEqual(64 * 1024);
    }
    // It filled up to its bound, then made room by evicting, and kept nothing over one entry's limit.
    expect(largest).toBeGreaterThan(48 * 1024);
    expect(cache.get(`1999:${'x'.repeat(1999 * 5)}`)).toBeUndefined();
    expect(cache.get(`1000:${'x'.repeat(1000 * 5)}`)).toBeUndefined();
    expect(cache.get(`1:${'x'.repeat(5)}`)).toBeUndefined();
  });

  it('keeps nothing of an entry larger than one entry may be, and evicts nothing for it', () => {
    const cache = new BoundedCache<number>({ maxEntries: 10, maxBytes: MB, maxEntryBytes: 1_000 }, () => 0);
    cache.set('small', 1);
    cache.set('x'.repeat(1_000), 2);
    expect([cache.get('small'), cache.get('x'.repeat(1_000)), cache.size]).toEqual([1, undefined, 1]);
  });

  it('accounts a key set twice, deleted or cleared exactly', () => {
    const cache = new BoundedCache<number>({ maxEntries: 10, maxBytes: MB, maxEntryBytes: MB }, (v) => v);
    cache.set('key', 100);
    const once = cache.bytes;
    cache.set('key', 100);
    expect(cache.bytes).toBe(once);
    cache.set('other', 50);
    const both = cache.bytes;
    cache.delete('key');
    expect(cache.bytes).toBe(both - once);
    cache.clear();
    expect([cache.bytes, cache.size]).toEqual([0, 0]);
  });

  it('does not keep alive the large strings its keys were cut from', () => {
    const cache = new BoundedCache<number>({ maxEntries: 1_000, maxBytes: MB, maxEntryBytes: MB }, () => 0);
    const before = liveHeapBytes();
    for (let i = 0; i < 300; i++) {
      // A 200-character slice of a 1 MB string is a view that holds all of it.
      const body = `${String(i).padStart(8, '0')}${'x'.repeat(1_000_000)}`;
      cache.set(body.slice(0, 200), i);
    }
    expect(cache.size).toBe(300);
    expect(liveHeapBytes() - before).toBeLessThan(32 * MB);
    expect(cache.get(`${'00000007'}${'x'.repeat(192)}`)).toBe(7);
  });
});
