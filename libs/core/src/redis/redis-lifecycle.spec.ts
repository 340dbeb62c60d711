import Bull from 'bull';
import { freePort, REDIS_URL, startPrivateRedis, uniquePrefix } from '../../../../test/support/redis.js';
import { waitFor } from '../../../../test/support/wait.js';
import { RedisConfigurationError } from '../errors/redis-configuration.error.js';
import { Redis } from 'ioredis';
import { closeRedis, createBullClientFactory, type RedisClient } from './redis-connection.js';
import { closeQueue, connectBullClients, connectRedis, failFastOptions, logQueueErrors, type RedisLifecycleOptions } from './redis-lifecycle.js';

function lifecycle(lines: string[], readyTimeoutMs = 2_000): RedisLifecycleOptions {
  return {
    logger: { log: (m) => lines.push(`log ${m}`), error: (m) => lines.push(`error ${m}`) },
    messages: { down: (reason) => `redis down (${reason})`, up: () => 'redis back' },
    readyTimeoutMs,
  };
}

const reconnectFast = { retryStrategy: () => 50, maxRetriesPerRequest: 1 };

describe('connectRedis (real redis-servers)', () => {
  it('resolves a ready connection with the overrides applied', async () => {
    const redis = await connectRedis({ url: REDIS_URL }, { connectionName: 'lifecycle-spec' }, lifecycle([]));
    try {
      expect(redis.status).toBe('ready');
      expect(await (redis as import('ioredis').Redis).client('GETNAME')).toBe('lifecycle-spec');
    } finally {
      await closeRedis(redis);
    }
    expect(redis.status).toBe('end');
  });

  it('starts after the timeout when Redis is down, then logs one outage and one recovery', async () => {
    const port = await freePort();
    const lines: string[] = [];
    const started = Date.now();
    const redis = await connectRedis({ host: '127.0.0.1', port }, reconnectFast, lifecycle(lines, 300));
    let server: Awaited<ReturnType<typeof startPrivateRedis>> | undefined;
    try {
      expect(Date.now() - started).toBeGreaterThanOrEqual(280);
      expect(redis.status).not.toBe('ready');
      await waitFor(() => lines.length > 0, 5_000, 'the outage line');
      expect(lines).toEqual([expect.stringMatching(/^error redis down \(.*ECONNREFUSED.*\)$/)]);

      server = await startPrivateRedis(port);
      await waitFor(() => lines.length === 2, 5_000, 'the recovery line');
      expect(lines[1]).toBe('log redis back');
    } finally {
      await closeRedis(redis);
      await server?.stop();
    }
  });

  it('refuses cluster options that name a single Redis with RedisConfigurationError and leaves the connection closed', async () => {
    const seen: RedisClient[] = [];
    const error = await connectRedis({ cluster: { nodes: [REDIS_URL] } }, {}, lifecycle([]))
      .then((client) => (seen.push(client), undefined))
      .catch((e: unknown) => e);
    expect(seen).toEqual([]);
    expect(error).toBeInstanceOf(RedisConfigurationError);
    expect((error as RedisConfigurationError).problem).toBe('not-a-cluster');
  });
});

describe('connectBullClients, logQueueErrors, closeQueue', () => {
  it('waits for the shared client, and the queue closes in order', async () => {
    const clients = createBullClientFactory({ url: REDIS_URL });
    const lines: string[] = [];
    const redis = await connectBullClients(clients, lifecycle(lines));
    const queue = new Bull(uniquePrefix('lifecycle'), { createClient: clients, prefix: uniquePrefix('lifecycle') });
    logQueueErrors(queue, redis, { log: (m) => lines.push(m), error: (m) => lines.push(m) }, 'Test queue error');
    try {
      expect(redis.status).toBe('ready');
      queue.emit('error', new Error('boom'));
      queue.emit('error', new Error('boom'));
      queue.emit('error', new Error('other'));
      expect(lines).toEqual(['Test queue error: boom', 'Test queue error: other']);
      await queue.add({ n: 1 });
      await closeQueue(queue, redis);
    } finally {
      await clients.close();
    }
  });

  it('closes the factory when the shared client cannot work as configured', async () => {
    const clients = createBullClientFactory({ cluster: { nodes: [REDIS_URL] } });
    const first = clients('client') as unknown as RedisClient;
    await expect(connectBullClients(clients, lifecycle([]))).rejects.toBeInstanceOf(RedisConfigurationError);
    expect(first.status).toBe('end');
  });

  it('closeQueue returns at once while Redis is down (Bull alone would wait for it)', async () => {
    const server = await startPrivateRedis();
    const clients = createBullClientFactory({ url: server.url, ...reconnectFast });
    const redis = await connectBullClients(clients, lifecycle([]));
    const queue = new Bull('lifecycle-down', { createClient: clients });
    logQueueErrors(queue, redis, { log: () => undefined, error: () => undefined }, 'q');
    try {
      await queue.isReady();
      await server.stop();
      await waitFor(() => redis.status !== 'ready', 5_000, 'the outage');
      const started = Date.now();
      await closeQueue(queue, redis);
      expect(Date.now() - started).toBeLessThan(500);
    } finally {
      await clients.close();
    }
  });

  it('closeRedis disconnects at once a connection that is down', async () => {
    const redis = await connectRedis({ host: '127.0.0.1', port: await freePort() }, reconnectFast, lifecycle([], 100));
    const started = Date.now();
    await closeRedis(redis);
    expect(Date.now() - started).toBeLessThan(500);
    let attempts = 0;
    redis.on('reconnecting', () => attempts++);
    await new Promise((r) => setTimeout(r, 300));
    expect(attempts).toBe(0);
  });
});

describe('failFastOptions', () => {
  it('bounds retries on one Redis, and turns the offline queue off on a cluster, unless the caller chose', () => {
    expect(failFastOptions({ url: REDIS_URL }, 2)).toEqual({ maxRetriesPerRequest: 2 });
    expect(failFastOptions({ url: REDIS_URL, maxRetriesPerRequest: 5 }, 2)).toEqual({ maxRetriesPerRequest: 5 });
    expect(failFastOptions({ cluster: { nodes: ['redis://127.0.0.1:7000'] } }, 1)).toEqual({ maxRetriesPerRequest: 1, enableOfflineQueue: false });
    expect(failFastOptions({ cluster: { nodes: ['redis://127.0.0.1:7000'], options: { enableOfflineQueue: true, redisOptions: { maxRetriesPerRequest: 9 } } } }, 1)).toEqual({ maxRetriesPerRequest: 9, enableOfflineQueue: true });
  });

  it('leaves a given client as it is', () => {
    const client = new Redis({ lazyConnect: true });
    expect(failFastOptions(client, 1)).toEqual({});
    client.disconnect();
  });
});
