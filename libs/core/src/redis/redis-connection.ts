import { createRequire } from 'node:module';
import { Redis } from 'ioredis';
import type { Cluster, RedisOptions } from 'ioredis';
import type Bull from 'bull';
import { RedisConfigurationError } from '../errors/redis-configuration.error.js';
import { createClusterClient, isClusterConfig } from './redis-cluster.js';
import type { RedisClusterOptions } from './redis-cluster.js';
import { redisMessages } from './redis.messages.js';

/** How to reach Redis: ioredis options, plus a `redis://` / `rediss://` URL parsed by ioredis. */
export interface RedisConnectionOptions extends RedisOptions {
  /**
   * Connection URL; what it names (host, port, user, password, db, TLS) wins over the other fields.
   * @default undefined (host/port fields, else 127.0.0.1:6379)
   */
  url?: string;
}

/**
 * Everything a lib's `redis` option takes: one Redis (options or a client to duplicate) or a
 * Redis Cluster (`{ cluster: { nodes } }` or a `Cluster` client to duplicate).
 */
export type RedisConnectionConfig = RedisConnectionOptions | RedisClusterOptions | Redis | Cluster;

/** A connection opened by `createRedisConnection`: one Redis, or a Redis Cluster. */
export type RedisClient = Redis | Cluster;

/** How `createBullClientFactory` opens its connections. */
export interface BullClientFactoryOptions {
  /**
   * Told of every connection error; Bull re-emits them on a queue only once it uses a connection.
   * @default ignore (a listener is always attached, so ioredis never prints "Unhandled error event")
   */
  onError?: (error: Error, type: 'client' | 'subscriber' | 'bclient') => void;
}

/** Bull's `createClient` option, plus `close()` for the connections it shares. */
export type BullClientFactory = NonNullable<Bull.QueueOptions['createClient']> & {
  /** Disconnect every connection the factory made; a later call to the factory opens new ones. */
  close(): Promise<void>;
};

/**
 * A new connection to Redis or to a Redis Cluster, with `overrides` (written for one Redis) applied
 * on top; given a client, a `duplicate()` of it. Cluster options are checked first: an empty or
 * malformed node list throws `RedisConfigurationError`.
 */
export function createRedisConnection(config: RedisConnectionConfig, overrides: RedisOptions = {}): RedisClient {
  return isClusterConfig(config) ? createClusterClient(config, overrides) : createRedisClient(config, overrides);
}

/**
 * A new ioredis client to ONE Redis: from options (with `url` parsed by ioredis), or a
 * `duplicate()` of a given client, with `overrides` applied on top. Refuses cluster options with
 * `RedisConfigurationError` (use `createRedisConnection`).
 */
export function createRedisClient(options: RedisConnectionOptions | Redis, overrides: RedisOptions = {}): Redis {
  return openRedisClient(Redis, options, overrides);
}

/** `createRedisClient` with the ioredis `Client` class to construct when given options. */
function openRedisClient(Client: RedisConstructor, options: RedisConnectionOptions | Redis, overrides: RedisOptions): Redis {
  if (isClusterConfig(options)) throw new RedisConfigurationError('cluster-unsupported', redisMessages.clusterUnsupported());
  // Duck-typed rather than `instanceof`: the caller's client may come from another copy of ioredis.
  if (isClient(options)) return options.duplicate(overrides) as Redis;
  const { url, ...rest } = options;
  return url === undefined ? new Client({ ...rest, ...overrides }) : new Client(url, { ...rest, ...overrides });
}

/** The ioredis `Redis` class, from whichever copy of ioredis (see `bullRedisClass`). */
type RedisConstructor = new (...args: [RedisOptions] | [string, RedisOptions]) => Redis;

let bullRedis: RedisConstructor | undefined;

/**
 * The `Redis` class of the ioredis that the installed Bull itself depends on (Bull 4: ioredis 5,
 * usually nested in `bull/node_modules`), so that Bull's connections opened from options are the
 * ones Bull would open on its own. It decodes the replies Bull's worker lives on (each job's hash)
 * several times faster than ioredis 6, whose RESP decoder was the largest cost of a worker (see
 * BENCHMARKS.md, worker throughput). Falls back to the ioredis this package uses when Bull or its
 * ioredis cannot be resolved from here.
 */
function bullRedisClass(): RedisConstructor {
  if (bullRedis) return bullRedis;
  try {
    const fromBull = createRequire(createRequire(import.meta.url).resolve('bull'))('ioredis') as { Redis?: unknown };
    bullRedis = typeof fromBull.Redis === 'function' ? (fromBull.Redis as RedisConstructor) : Redis;
  } catch {
    bullRedis = Redis;
  }
  return bullRedis;
}

/**
 * Bull's `createClient` that shares ONE 'client' and ONE 'subscriber' connection across all
 * queues and opens a new blocking 'bclient' per queue (Bull's "Reusing Redis connections").
 * From single-Redis options the connections are clients of the ioredis Bull itself depends on
 * (faster at decoding Bull's replies than ioredis 6); from a given client, duplicates of it.
 * On a Redis Cluster every connection is a `Cluster` (Bull's "Redis cluster" pattern); the
 * queues' `prefix` must then carry a hash tag (see `resolveKeyPrefix`).
 */
export function createBullClientFactory(options: RedisConnectionConfig, factoryOptions: BullClientFactoryOptions = {}): BullClientFactory {
  const onError = factoryOptions.onError ?? (() => undefined);
  // Bull refuses subscriber/bclient connections with these on; it also builds its own key
  // prefixes, so an ioredis keyPrefix would corrupt them.
  const blocking: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: false, keyPrefix: undefined };
  let client: RedisClient | undefined;
  let subscriber: RedisClient | undefined;
  const bclients = new Set<RedisClient>();

  // Bull's second argument (its own `redis` option, filled with 127.0.0.1:6379 defaults) is
  // ignored on purpose: the connection is the factory's, and shared ones serve every queue.
  // A listener from birth: ioredis prints "Unhandled error event" for every reconnect otherwise.
  // Never lazy, even when duplicating a lazy client: Bull waits for 'ready' without sending a command first.
  // From single-Redis options, Bull's own ioredis (see `bullRedisClass`); a given client is
  // duplicated (its own ioredis), and a Redis Cluster uses this package's ioredis Cluster.
  const connect = (overrides: RedisOptions): RedisClient =>
    isClusterConfig(options) ? createClusterClient(options, overrides) : openRedisClient(bullRedisClass(), options, overrides);
  const open = (type: 'client' | 'subscriber' | 'bclient', overrides: RedisOptions): RedisClient =>
    connect({ lazyConnect: false, ...overrides }).on('error', (error: Error) => onError(error, type));

  const factory = (type: 'client' | 'subscriber' | 'bclient'): RedisClient => {
    switch (type) {
      case 'client':
        return (client ??= open(type, { keyPrefix: undefined }));
      case 'subscriber':
        return (subscriber ??= open(type, blocking));
      case 'bclient': {
        const bclient = open(type, blocking);
        bclients.add(bclient);
        return bclient;
      }
      default:
        throw new TypeError(`Unexpected Bull connection type "${String(type)}"`);
    }
  };

  const close = async (): Promise<void> => {
    const shared = [client, subscriber].filter((c): c is RedisClient => c !== undefined);
    const blocked = [...bclients];
    client = undefined;
    subscriber = undefined;
    bclients.clear();
    // A bclient may sit in BRPOPLPUSH, which QUIT would wait behind; Bull disconnects those too.
    await Promise.all([
      ...blocked.map((c) => closed(c, () => c.disconnect())),
      // QUIT is queued while a client is (re)connecting, and would wait for a Redis that is down.
      ...shared.map(closeRedis),
    ]);
  };

  // Bull's typings name its bundled ioredis 5; at runtime any ioredis client works
  // (see ARCHITECTURE.md, "Environment facts").
  return Object.assign(factory, { close }) as unknown as BullClientFactory;
}

/**
 * Closes a connection and resolves once it has ended: QUIT (pending replies first) when ready, else
 * at once, since QUIT would wait for a Redis that is down.
 * @publicApi
 */
export async function closeRedis(redis: RedisClient): Promise<void> {
  if (redis.status === 'end') return;
  await closed(redis, () => (redis.status === 'ready' ? redis.quit().catch(() => redis.disconnect()) : redis.disconnect()));
}

/** Runs `stop` and resolves once the connection has really ended. */
async function closed(client: RedisClient, stop: () => unknown): Promise<void> {
  if (client.status === 'end') return;
  // Between reconnect attempts there is no socket, so disconnect() only cancels the timer and
  // ioredis never emits 'end'; the client is closed all the same.
  const waitForEnd = client.status !== 'reconnecting';
  const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
  await stop();
  if (waitForEnd) await ended;
}

function isClient(options: RedisConnectionOptions | Redis): options is Redis {
  return typeof (options as Redis).duplicate === 'function';
}
