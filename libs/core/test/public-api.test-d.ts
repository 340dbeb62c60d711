// Compile-time tests of @aiwire/core's public API, checked by `npm run lint` (tsc). A line marked
// `@ts-expect-error` must NOT compile; if it ever does, tsc fails on the unused directive.
import type Bull from 'bull';
import { Cluster, Redis } from 'ioredis';
import {
  RedisConfigurationError,
  RedisLock,
  RedisTokenBucket,
  assertPublicUrl,
  closeQueue,
  closeRedis,
  computeBackoff,
  connectBullClients,
  connectRedis,
  createBullClientFactory,
  createChannel,
  createRedisConnection,
  resolveKeyPrefix,
  retryAfterMs,
  type BullClientFactory,
  type LockOrDone,
  type PublicUrl,
  type RedisClient,
  type RedisConfigurationProblem,
  type RedisConnectionConfig,
  type TakeResult,
} from '@aiwire/core';

declare const redis: Redis;
declare const cluster: Cluster;
declare const queue: Bull.Queue;

// Every form the `redis` option of a module takes.
expectTypeOf<{ url: string }>().toExtend<RedisConnectionConfig>();
expectTypeOf<{ host: string; port: number; password: string }>().toExtend<RedisConnectionConfig>();
expectTypeOf<{ cluster: { nodes: string[] } }>().toExtend<RedisConnectionConfig>();
expectTypeOf<{ cluster: { nodes: { host: string; port: number }[]; options: { redisOptions: { password: string } } } }>().toExtend<RedisConnectionConfig>();
expectTypeOf(redis).toExtend<RedisConnectionConfig>();
expectTypeOf(cluster).toExtend<RedisConnectionConfig>();
// @ts-expect-error a node list is an array, not one string
const oneString: RedisConnectionConfig = { cluster: { nodes: 'redis://127.0.0.1:7000' } };
void oneString;

expectTypeOf(createRedisConnection).returns.toEqualTypeOf<RedisClient>();
expectTypeOf(createBullClientFactory({ cluster: { nodes: ['redis://127.0.0.1:7000'] } })).toEqualTypeOf<BullClientFactory>();
expectTypeOf<BullClientFactory['close']>().returns.toEqualTypeOf<Promise<void>>();

// The primitives take one Redis or a Cluster.
new RedisLock(redis);
new RedisLock(cluster);
new RedisTokenBucket(cluster);
// @ts-expect-error options are not a connection
new RedisLock({ url: 'redis://127.0.0.1:6379' });
expectTypeOf(new RedisLock(redis).acquireUnless('k', 100, () => 1 as const)).resolves.toEqualTypeOf<LockOrDone<1>>();
expectTypeOf(new RedisTokenBucket(redis).take).returns.resolves.toEqualTypeOf<TakeResult>();

// Prefixes and errors.
expectTypeOf(resolveKeyPrefix).returns.toBeString();
expectTypeOf<RedisConfigurationError['problem']>().toEqualTypeOf<RedisConfigurationProblem>();
expectTypeOf<'prefix-without-hash-tag'>().toExtend<RedisConfigurationProblem>();
// @ts-expect-error not a problem the error reports
const unknownProblem: RedisConfigurationProblem = 'timeout';
void unknownProblem;

// Lifecycle.
expectTypeOf(connectRedis({ url: 'redis://127.0.0.1:6379' }, {}, { logger: console, messages: { down: (r) => r, up: () => 'up' }, readyTimeoutMs: 1000 })).resolves.toEqualTypeOf<RedisClient>();
expectTypeOf(connectBullClients).parameter(0).toEqualTypeOf<BullClientFactory>();
expectTypeOf(closeQueue(queue, redis)).resolves.toBeVoid();
expectTypeOf(closeRedis(cluster)).resolves.toBeVoid();
// @ts-expect-error the ready timeout is required: a module must choose how long it waits
void connectRedis({ url: 'x' }, {}, { logger: console, messages: { down: (r: string) => r, up: () => 'up' } });

// Retry, SSRF and channels.
expectTypeOf(computeBackoff(1, { baseMs: 100, maxMs: 1000, jitter: 'full' })).toBeNumber();
// @ts-expect-error not a jitter mode
computeBackoff(1, { jitter: 'half' });
expectTypeOf(retryAfterMs({ 'retry-after': '2' })).toEqualTypeOf<number | undefined>();
expectTypeOf(assertPublicUrl('https://example.com')).resolves.toEqualTypeOf<PublicUrl>();
const channel = createChannel<{ ms: number }>('aiwire:test');
channel.publish({ ms: 1 });
// @ts-expect-error a channel carries messages of its declared type only
channel.publish({ ms: '1' });
