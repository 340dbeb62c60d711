import { Cluster, Redis } from 'ioredis';
import { REDIS_URL } from '../../test/redis-test.helper.js';
import { RedisConfigurationError } from '../errors/redis-configuration.error.js';
import { isClusterClient, isClusterConfig } from './redis-cluster.js';
import { createRedisClient, createRedisConnection, type RedisClient } from './redis-connection.js';
import { waitForRedisReady } from './redis-ready.js';

/** Cluster options that never connect on their own, so only what the code built is looked at. */
const lazy = (nodes: readonly (string | { host: string; port: number })[]) => ({ cluster: { nodes, options: { lazyConnect: true } } });

function refusal(build: () => unknown): RedisConfigurationError {
  try {
    build();
  } catch (error) {
    if (error instanceof RedisConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a RedisConfigurationError');
}

describe('Redis Cluster options', () => {
  const opened: RedisClient[] = [];
  const track = <T extends RedisClient>(client: T): T => (opened.push(client), client);
  afterEach(() => {
    for (const client of opened.splice(0)) client.disconnect();
  });

  it('tells cluster options and Cluster clients from single-Redis options and clients', () => {
    const cluster = track(new Cluster([{ host: '127.0.0.1', port: 1 }], { lazyConnect: true }));
    const redis = track(new Redis({ lazyConnect: true }));
    expect([isClusterConfig(lazy(['redis://127.0.0.1:7000'])), isClusterConfig(cluster)]).toEqual([true, true]);
    // A Redis client has a `cluster` method (the CLUSTER command): it must not pass for options.
    expect([isClusterConfig(redis), isClusterConfig({ url: REDIS_URL }), isClusterConfig(undefined)]).toEqual([false, false, false]);
    expect([isClusterClient(cluster), isClusterClient(redis)]).toEqual([true, false]);
  });

  it('opens a Cluster whose every node, discovered ones too, gets the credentials and TLS the URLs name', () => {
    const client = track(createRedisConnection(lazy(['rediss://app:p%40ss@10.0.0.1:7000', 'rediss://app:p%40ss@[::1]:7001'])));
    expect(isClusterClient(client)).toBe(true);
    const { redisOptions } = (client as Cluster).options;
    expect(redisOptions).toMatchObject({ username: 'app', password: 'p@ss', tls: {} });
    expect((client as unknown as { startupNodes: unknown }).startupNodes).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: '::1', port: 7001 },
    ]);
  });

  it('maps overrides written for one Redis onto the cluster and its nodes', () => {
    const retry = () => 10;
    const client = track(
      createRedisConnection(lazy([{ host: '127.0.0.1', port: 7000 }]), { maxRetriesPerRequest: null, enableReadyCheck: false, keyPrefix: undefined, retryStrategy: retry, connectionName: 'n' }),
    ) as Cluster;
    expect(client.options.redisOptions).toMatchObject({ maxRetriesPerRequest: null, enableReadyCheck: false, connectionName: 'n' });
    expect(client.options.redisOptions).not.toHaveProperty('retryStrategy'); // ioredis forbids it per node
    expect(client.options).toMatchObject({ enableReadyCheck: false, clusterRetryStrategy: retry });
    expect(client.options.keyPrefix).toBeUndefined();
    const copy = track(createRedisConnection(client, { connectionName: 'copy' })) as Cluster;
    expect(copy).not.toBe(client);
    expect(copy.options.redisOptions).toMatchObject({ maxRetriesPerRequest: null, connectionName: 'copy' });
  });

  it.each([
    ['an empty node list', [], 'empty-node-list', /lists no node/],
    ['a host:port without scheme', ['127.0.0.1:7000'], 'invalid-node', /#0 \(127\.0\.0\.1:7000\) is not a redis:\/\/ URL.*'redis:\/\/host:port'/],
    ['another scheme', ['http://127.0.0.1:7000'], 'invalid-node', /scheme "http:"/],
    ['a database other than 0', ['redis://127.0.0.1:7000/2'], 'invalid-node', /database "2".*only database 0/],
    ['a URL without host', ['redis://:7000'], 'invalid-node', /names no host|not a redis/],
    ['an address without port', [{ host: '127.0.0.1' }], 'invalid-node', /no port between 1 and 65535/],
    ['a port out of range', [{ host: '127.0.0.1', port: 70_000 }], 'invalid-node', /no port between 1 and 65535/],
    ['nodes that disagree on TLS', ['redis://127.0.0.1:7000', 'rediss://127.0.0.1:7001'], 'invalid-node', /same credentials and TLS/],
  ])('refuses %s with a RedisConfigurationError that says what to write', (_case, nodes, problem, message) => {
    const error = refusal(() => createRedisConnection(lazy(nodes as never)));
    expect(error.problem).toBe(problem);
    expect(error.message).toMatch(message);
  });

  it('never repeats a password written in a refused node', () => {
    for (const node of ['app:s3cret@127.0.0.1:7000', 'redis://app:s3cret@127.0.0.1:7000/5', 'http://app:s3cret@host:1']) {
      const error = refusal(() => createRedisConnection(lazy([node])));
      expect(error.message).not.toContain('s3cret');
      expect(error.message).toContain('***@');
    }
  });

  it('keeps createRedisClient to one Redis: cluster options are refused, not silently sent to localhost', () => {
    const error = refusal(() => createRedisClient(lazy(['redis://127.0.0.1:7000']) as never));
    expect(error.problem).toBe('cluster-unsupported');
    expect(error.message).toContain('createRedisConnection');
  });
});

describe('waitForRedisReady (real Redis)', () => {
  it('refuses cluster options that name a Redis with cluster support disabled', async () => {
    const client = createRedisConnection({ cluster: { nodes: [REDIS_URL] } });
    client.on('error', () => undefined);
    const started = Date.now();
    const error = await waitForRedisReady(client, { timeoutMs: 5_000 }).catch((e: unknown) => e);
    client.disconnect();
    expect(error).toBeInstanceOf(RedisConfigurationError);
    expect((error as RedisConfigurationError).problem).toBe('not-a-cluster');
    expect((error as Error).message).toMatch(/cluster support disabled.*\{ url: 'redis:\/\/host:6379' \}/);
    expect(Date.now() - started).toBeLessThan(2_000); // at the first answer, not after the timeout
  });

  it('resolves true for a single Redis that answers', async () => {
    const client = createRedisConnection({ url: REDIS_URL, lazyConnect: true });
    expect(await waitForRedisReady(client)).toBe(true);
    await client.quit();
  });

  it('resolves false, without throwing, when Redis does not answer in time (down is not misconfigured)', async () => {
    for (const config of [{ url: 'redis://127.0.0.1:1' }, { cluster: { nodes: ['redis://127.0.0.1:1'] } }]) {
      const client = createRedisConnection(config);
      client.on('error', () => undefined);
      expect(await waitForRedisReady(client, { timeoutMs: 300 })).toBe(false);
      client.disconnect();
    }
  });
});
