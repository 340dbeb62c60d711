import { createHash } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';

/**
 * A Lua script run with EVALSHA, falling back to EVAL once when the server does not know it
 * (first use, restart, SCRIPT FLUSH). Unlike `defineCommand` it leaves the caller's client as it is.
 * On a Redis Cluster both go to the node of the first key, so every key of one call must share a
 * hash tag (else Redis answers CROSSSLOT), and a script loaded on one node is loaded there on first use.
 * @publicApi
 */
export class RedisScript {
  /** SHA1 of the script, as Redis names it. */
  readonly sha: string;

  constructor(readonly lua: string) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  /** Run the script atomically with `keys` as KEYS and `args` as ARGV; resolves to its raw reply. */
  async run(redis: Redis | Cluster, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(this.lua, keys.length, ...keys, ...args);
    }
  }
}
