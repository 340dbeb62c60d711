import { COPY_AS_IS, copyDeep, isWalkable, someDeep } from './deep-copy.js';

class CustomError extends Error {
  constructor(message: string, readonly detail: { token: string }, options?: ErrorOptions) {
    super(message, options);
  }
}

const upper = (value: unknown): unknown => (typeof value === 'string' ? value.toUpperCase() : COPY_AS_IS);

describe('someDeep', () => {
  it('finds a value in a non-enumerable property at the end of a cause chain', () => {
    const error = new Error('outer', { cause: new Error('inner', { cause: new CustomError('deepest', { token: 'tok_secret' }) }) });
    expect(someDeep(error, (v) => v === 'tok_secret')).toBe(true);
    expect(someDeep(error, (v) => v === 'absent')).toBe(false);
  });

  it('passes each value its owner and key', () => {
    const seen: string[] = [];
    someDeep({ a: { b: 1 } }, (_v, owner, key) => (owner !== undefined && seen.push(String(key)), false));
    expect(seen).toEqual(['a', 'b']);
  });

  it('stops on cycles and does not open buffers or class instances', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    expect(someDeep(cyclic, (v) => v === 'absent')).toBe(false);
    expect(someDeep({ b: Buffer.from('tok_secret'), m: new Map([['k', 'tok_secret']]) }, (v) => v === 'tok_secret')).toBe(false);
  });
});

describe('copyDeep', () => {
  it('keeps the class, non-enumerable properties and the cause chain, replacing what the visitor returns', () => {
    const error = new CustomError('boom', { token: 'abc' }, { cause: new Error('why') });
    const copy = copyDeep(error, upper) as CustomError;
    expect(copy).toBeInstanceOf(CustomError);
    expect(copy).not.toBe(error);
    expect(copy.message).toBe('BOOM');
    expect(Object.getOwnPropertyDescriptor(copy, 'message')?.enumerable).toBe(false);
    expect(copy.detail).toEqual({ token: 'ABC' });
    expect((copy.cause as Error).message).toBe('WHY');
    expect(error.message).toBe('boom');
  });

  it('copies shared and cyclic references once', () => {
    const shared = { v: 'x' };
    const root: Record<string, unknown> = { a: shared, b: shared };
    root.self = root;
    const copy = copyDeep(root, upper) as Record<string, Record<string, unknown>>;
    expect(copy.a).toBe(copy.b);
    expect(copy.self).toBe(copy);
    expect(copy.a.v).toBe('X');
  });

  it('keeps accessors without calling them, and opaque values as they are', () => {
    let called = 0;
    const holder = Object.defineProperty({ buf: Buffer.from('a') }, 'lazy', { get: () => (called++, 'v'), enumerable: true });
    const copy = copyDeep(holder, upper) as { buf: Buffer };
    expect(called).toBe(0);
    expect(copy.buf).toBe(holder.buf);
    expect(Object.getOwnPropertyDescriptor(copy, 'lazy')?.get).toBeTypeOf('function');
  });

  it('copies eight levels below the root and leaves deeper values as they are', () => {
    let deep: Record<string, unknown> = { s: 'deep' };
    for (let i = 0; i < 12; i++) deep = { next: deep };
    let copy = copyDeep(deep, upper) as Record<string, unknown>;
    let original = deep;
    let level = 0;
    while (copy !== original) {
      copy = copy.next as Record<string, unknown>;
      original = original.next as Record<string, unknown>;
      level++;
    }
    expect(level).toBe(9);
  });

  it('isWalkable opens errors, arrays and plain objects only', () => {
    expect([new Error('e'), [], {}, Object.create(null)].every(isWalkable)).toBe(true);
    expect([null, 'x', 1, Buffer.alloc(1), new Map(), new Date()].some(isWalkable)).toBe(false);
  });
});
