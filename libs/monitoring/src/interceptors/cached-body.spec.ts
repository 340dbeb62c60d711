import { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';
import { NO_ENTRY, fromCacheEntry, toCacheEntry } from './cached-body.js';

class Account {
  constructor(readonly id: string, readonly passwordHash: string) {}
}

describe('cache entries', () => {
  it('round-trips JSON bodies, null and strings included', () => {
    for (const body of [{ a: [1, { b: null }] }, [1, 2], 'text', 0, false, null]) {
      const { entry } = toCacheEntry(body, 1_000);
      expect(entry).toBeDefined();
      expect(fromCacheEntry(entry!)).toEqual(body);
    }
    expect(fromCacheEntry(toCacheEntry({ at: new Date(0) }, 1_000).entry!)).toEqual({ at: '1970-01-01T00:00:00.000Z' });
  });

  it('skips silently what is not sent as JSON: nothing, bytes, files, streams', () => {
    for (const body of [undefined, Buffer.from('x'), new Uint8Array(2), new StreamableFile(Buffer.from('x')), Readable.from(['x'])]) {
      expect(toCacheEntry(body, 1_000)).toEqual({});
    }
  });

  it('refuses, with a reason, class instances anywhere, what JSON cannot write, and what is too big', () => {
    expect(toCacheEntry(new Account('a', 'h'), 1_000).why).toMatch(/instance of Account; return plain objects/);
    expect(toCacheEntry({ list: [new Account('a', 'h')] }, 1_000).why).toMatch(/instance of Account/);
    expect(toCacheEntry({ tags: new Set(['a']) }, 1_000).why).toMatch(/instance of Set/);
    expect(toCacheEntry({ n: 1n }, 1_000).why).toMatch(/cannot be written as JSON/);
    expect(toCacheEntry({ text: 'é'.repeat(600) }, 1_000).why).toMatch(/its JSON is 1220 bytes, above maxEntryBytes \(1000\)/);
    expect(toCacheEntry(Object.assign(Object.create(null) as object, { a: 1 }), 1_000).entry).toBe('{"body":{"a":1}}');
  });

  it('tells apart text it did not write', () => {
    for (const text of ['', 'not json', '[1]', '{"value":1}', 'null', '"body"']) expect(fromCacheEntry(text)).toBe(NO_ENTRY);
  });
});
