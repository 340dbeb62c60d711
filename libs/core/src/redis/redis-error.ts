import { COPY_AS_IS, copyDeep, someDeep } from '../object/deep-copy.js';

/** What each argument of a failed command is replaced with. */
const MASK = '[REDACTED]';

/** ioredis' record of the command an error reply answered: `error.command = { name, args }`. */
function isCommandOf(owner: object | undefined, key: PropertyKey | undefined, value: unknown): value is { name: string; args: readonly unknown[] } {
  return owner instanceof Error && key === 'command' && typeof value === 'object' && value !== null && Array.isArray((value as { args?: unknown }).args);
}

/**
 * `error` without the arguments of the Redis commands it carries. ioredis puts the failed command
 * on every error reply (`command: { name, args }` on a NOPERM, OOM, READONLY, WRONGTYPE, syntax
 * error …), and a transaction's EXECABORT lists those of the commands before it in
 * `previousErrors`; when a value written is a secret or a token, that is how it reaches error
 * causes and logs. Returns a copy of the same class with every argument replaced by `[REDACTED]`
 * (the command's name and the number of arguments stay), or `error` itself when it carries none.
 * @publicApi
 */
export function redactRedisError<T>(error: T): T {
  if (!someDeep(error, (value, owner, key) => isCommandOf(owner, key, value))) return error;
  // The name and the count stay: "SET with 4 arguments refused" is what a reader needs to diagnose.
  return copyDeep(error, (value, owner, key) => (isCommandOf(owner, key, value) ? { ...value, args: value.args.map(() => MASK) } : COPY_AS_IS)) as T;
}

/**
 * Awaits Redis commands whose arguments hold a secret (a token, a signing secret) and rethrows a
 * failure as {@link redactRedisError} copies it: `await withRedactedRedisErrors(redis.set(key, secret))`.
 * @publicApi
 */
export async function withRedactedRedisErrors<T>(pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (error) {
    throw redactRedisError(error);
  }
}
