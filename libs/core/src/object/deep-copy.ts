/** How deep `someDeep` and `copyDeep` go (cause chains, `previousErrors`); deeper values are kept as they are. */
const MAX_DEPTH = 8;

/**
 * Returned by a `copyDeep` visitor to copy a value as it is (walking into it when it is walkable).
 * @internal
 */
export const COPY_AS_IS: unique symbol = Symbol('copyDeep.copyAsIs');

/**
 * Where a value sits: the object that holds it and its key (absent for the root).
 * @publicApi
 */
export type DeepVisitor<T> = (value: unknown, owner: object | undefined, key: PropertyKey | undefined) => T;

/**
 * Errors, arrays and plain objects are walked; anything else (buffers, clients, sockets) is opaque.
 * @internal
 */
export function isWalkable(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return value instanceof Error || Array.isArray(value) || proto === Object.prototype || proto === null;
}

/**
 * Whether `test` holds for `value` or anything reachable from it through own properties (also
 * non-enumerable ones, such as an error's `message`, `stack` and `cause`), cycles and depth bounded.
 * @internal
 */
export function someDeep(value: unknown, test: DeepVisitor<boolean>): boolean {
  const seen = new Set<object>();
  const walk = (inner: unknown, owner: object | undefined, key: PropertyKey | undefined, depth: number): boolean => {
    if (test(inner, owner, key)) return true;
    if (!isWalkable(inner) || depth > MAX_DEPTH || seen.has(inner)) return false;
    seen.add(inner);
    return Reflect.ownKeys(inner).some((k) => walk(Object.getOwnPropertyDescriptor(inner, k)?.value, inner, k, depth + 1));
  };
  return walk(value, undefined, undefined, 0);
}

/**
 * A copy of `value` in which `visit` replaces what it chooses: it sees every reachable value and
 * returns the replacement, or `COPY_AS_IS` to keep it (walkable values are then copied in turn).
 * Copies keep their prototype (an error stays an instance of its class) and every property
 * descriptor (non-enumerable stays non-enumerable; accessors are kept, not called). Shared and
 * cyclic references are copied once.
 * @internal
 */
export function copyDeep(value: unknown, visit: DeepVisitor<unknown>): unknown {
  const done = new Map<object, unknown>();
  const walk = (inner: unknown, owner: object | undefined, key: PropertyKey | undefined, depth: number): unknown => {
    const replaced = visit(inner, owner, key);
    if (replaced !== COPY_AS_IS) return replaced;
    if (!isWalkable(inner) || depth > MAX_DEPTH) return inner;
    if (done.has(inner)) return done.get(inner);
    const out = (Array.isArray(inner) ? [] : Object.create(Object.getPrototypeOf(inner) as object | null)) as object;
    done.set(inner, out);
    for (const k of Reflect.ownKeys(inner)) {
      const descriptor = Object.getOwnPropertyDescriptor(inner, k) as PropertyDescriptor;
      Object.defineProperty(out, k, 'value' in descriptor ? { ...descriptor, value: walk(descriptor.value, inner, k, depth + 1) } : descriptor);
    }
    return out;
  };
  return walk(value, undefined, undefined, 0);
}
