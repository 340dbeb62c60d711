import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/** The shared test Redis (other suites use it at the same time: never flush it). */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix no other test uses. */
export function uniquePrefix(): string {
  return `aiwire-test:${randomUUID()}:`;
}

/** Delete every key under `prefix` (SCAN, never FLUSH*: Redis is shared). */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}
