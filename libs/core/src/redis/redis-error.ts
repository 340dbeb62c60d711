/** What each argument of a failed command is replaced with. */
const MASK = '[REDACTED]';
/** How deep a copy goes (cause chains, `previousErrors`); deeper values are kept as they are. */
const MAX_DEPTH = 8;

/** Errors, arrays and plain objects are walked; anything else (buffers, clients, sockets) is opaque. */
function walkable(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return value instanceof Error || Array.isArray(value) || proto === Object.prototype || proto === null;
}

/** ioredis' record of the command an error reply answered: `error.command = { name, args }`. */
function isCommandOf(owner: object, key: PropertyKey, value: unknown): value is { name: string; args: readonly unknown[] } {
  return owner instanceof Error && key === 'command' && typeof value === 'object' && value !== null && Array.isArray((value as { args?: unknown }).args);
}

function carriesCommand(value: unknown, depth: number, seen: Set<object>): boolean {
  if (!walkable(value) || depth > MAX_DEPTH || seen.has(value)) return false;
  seen.add(value);
  return Reflect.ownKeys(value).some((key) => {
    const inner: unknown = Object.getOwnPropertyDescriptor(value, key)?.value;
    return isCommandOf(value, key, inner) || carriesCommand(inner, depth + 1, seen);
  });
}

function copy(value: unknown, depth: number, done: Map<object, unknown>): unknown {
  if (!walkable(value) || depth > MAX_DEPTH) return value;
  if (done.has(value)) return done.get(value);
  const out = (Array.isArray(value) ? [] : Object.create(Object.getPrototypeOf(value) as object | null)) as object;
  done.set(value, out);
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key) as PropertyDescriptor;
    if (!('value' in descriptor)) {
      Object.defineProperty(out, key, descriptor);
      continue;
    }
    const inner: unknown = descriptor.value;
    // The name and the count stay: "SET with 4 arguments refused" is what a reader needs to diagnose.
    const replaced = isCommandOf(value, key, inner) ? { ...inner, args: inner.args.map(() => MASK) } : copy(inner, depth + 1, done);
    Object.defineProperty(out, key, { ...descriptor, value: replaced });
  }
  return out;
}

/**
 * `error` without the arguments of the Redis commands it carries. ioredis puts the failed command
 * on every error reply (`command: { name, args }` on a NOPERM, OOM, READONLY, WRONGTYPE, syntax
 * error …), and a transaction's EXECABORT lists those of the commands before it in
 * `previousErrors`; when a value written is a secret or a token, that is how it reaches error
 * causes and logs. Returns a copy of the same class with every argument replaced by `[REDACTED]`
 * (the command's name and the number of arguments stay), or `error` itself when it carries none.
 */
export function redactRedisError<T>(error: T): T {
  return carriesCommand(error, 0, new Set()) ? (copy(error, 0, new Map()) as T) : error;
}

/**
 * Awaits Redis commands whose arguments hold a secret (a token, a signing secret) and rethrows a
 * failure as {@link redactRedisError} copies it: `await withRedactedRedisErrors(redis.set(key, secret))`.
 */
export async function withRedactedRedisErrors<T>(pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (error) {
    throw redactRedisError(error);
  }
}
