import { Redis } from 'ioredis';
import { CliRefusedError, CliUsageError } from '../errors.js';

/** Longest wait for Redis to accept the connection and answer. */
export const REDIS_TIMEOUT_MS = 2_000;
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** Where Redis is; `shown` is the URL without its password, the only form ever printed. */
export interface RedisTarget {
  readonly url: string;
  readonly shown: string;
}

/** `--redis` (else REDIS_URL, else redis://127.0.0.1:6379). */
export function redisTarget(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): RedisTarget {
  const url = flag ?? env.REDIS_URL ?? DEFAULT_REDIS_URL;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliUsageError(`${flag ? '--redis' : 'REDIS_URL'} is not a Redis URL; give one such as redis://127.0.0.1:6379`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new CliUsageError(`${flag ? '--redis' : 'REDIS_URL'} must start with redis:// or rediss://`);
  return { url, shown: `${parsed.protocol}//${parsed.host}${parsed.pathname.length > 1 ? parsed.pathname : ''}` };
}

/** A connection that fails at once rather than retrying: a CLI says "cannot reach" and exits. */
export async function connect(target: RedisTarget, options: { subscriber?: boolean } = {}): Promise<Redis> {
  const redis = new Redis(target.url, {
    lazyConnect: true,
    connectTimeout: REDIS_TIMEOUT_MS,
    commandTimeout: options.subscriber ? undefined : REDIS_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // The socket's error (ECONNREFUSED) says more than connect()'s rejection ("Connection is closed.").
  let first: unknown;
  redis.on('error', (error: unknown) => (first ??= error));
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new CliRefusedError(`cannot reach Redis at ${target.shown} (${reason(first ?? error)}): is it running? (--redis or REDIS_URL)`);
  }
  return redis;
}

/** Whether this Redis is a node of a Redis Cluster (`INFO cluster`). */
export async function isClusterNode(redis: Redis): Promise<boolean> {
  return /cluster_enabled:1/.test(await redis.info('cluster'));
}

export function reason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}
