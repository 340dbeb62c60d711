import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import Bull from 'bull';
import { Redis } from 'ioredis';
import { deleteKeys, REDIS_URL, uniquePrefix } from '../../test/redis-test.helper.js';
import { createBullClientFactory, createRedisClient } from './redis-connection.js';

describe('createRedisClient (real Redis)', () => {
  const opened: Redis[] = [];
  const track = (client: Redis): Redis => (opened.push(client), client);
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((c) => c.quit().catch(() => undefined)));
  });

  it('connects from a URL, with overrides applied', async () => {
    const name = `aiwire-test-${randomUUID()}`;
    const client = track(createRedisClient({ url: REDIS_URL }, { connectionName: name }));
    expect(await client.ping()).toBe('PONG');
    expect(await client.client('GETNAME')).toBe(name);
  });

  it('lets what the URL names win over the other fields', async () => {
    const url = new URL(REDIS_URL);
    url.pathname = '/3';
    const client = track(createRedisClient({ url: url.href, host: 'no-such-host.invalid', port: 1, db: 5 }));
    expect(await client.ping()).toBe('PONG');
    expect(client.options.db).toBe(3);
  });

  it('connects from plain ioredis options', async () => {
    const { hostname, port } = new URL(REDIS_URL);
    const client = track(createRedisClient({ host: hostname, port: Number(port || 6379) }));
    expect(await client.ping()).toBe('PONG');
  });

  it('duplicates a given client into a new connection with the overrides', async () => {
    const original = track(new Redis(REDIS_URL, { connectionName: 'aiwire-test-original' }));
    const copy = track(createRedisClient(original, { connectionName: 'aiwire-test-copy', maxRetriesPerRequest: null }));
    expect(copy).not.toBe(original);
    expect(copy.options.maxRetriesPerRequest).toBeNull();
    expect(await copy.client('GETNAME')).toBe('aiwire-test-copy');
    expect(await original.client('GETNAME')).toBe('aiwire-test-original');
    expect(await copy.client('ID')).not.toBe(await original.client('ID'));
  });
});

/** The connections Bull keeps on a queue (`eclient` and `bclient` are missing from its typings). */
interface QueueConnections {
  client: Redis;
  eclient: Redis;
  bclient: Redis;
}

describe('createBullClientFactory (real Redis, real Bull)', () => {
  let admin: Redis;
  let prefix: string;
  beforeAll(() => {
    admin = new Redis(REDIS_URL);
  });
  beforeEach(() => {
    prefix = uniquePrefix().slice(0, -1);
  });
  afterEach(async () => {
    await deleteKeys(admin, prefix);
  });
  afterAll(async () => {
    await admin.quit();
  });

  /**
   * Server-side connections named `name`, or named by Bull after this test's prefix (Bull renames
   * each bclient to identify its workers): CLIENT LIST sees what the factory really opened.
   */
  async function connectionsNamed(name: string): Promise<number> {
    const list = (await admin.client('LIST')) as string;
    return list.split('\n').filter((line) => line.includes(` name=${name} `) || line.includes(` name=${prefix}:`)).length;
  }

  async function runQueues(factory: ReturnType<typeof createBullClientFactory>) {
    const queues = ['a', 'b'].map((n) => new Bull(`q-${n}`, { createClient: factory, prefix }));
    const done = queues.map(
      (queue) =>
        new Promise<unknown>((resolve, reject) => {
          void queue.process(async (job) => ({ doubled: (job.data as { n: number }).n * 2 }));
          queue.on('completed', (_job, result) => resolve(result));
          queue.on('failed', (_job, error) => reject(error));
        }),
    );
    await Promise.all(queues.map((queue, i) => queue.add({ n: i + 1 })));
    return { queues, results: await Promise.all(done) };
  }

  it('shares one client and one subscriber across queues, opens one bclient per queue, and closes them all', async () => {
    const name = `aiwire-test-${randomUUID()}`;
    const factory = createBullClientFactory({ url: REDIS_URL, connectionName: name });
    const { queues, results } = await runQueues(factory);
    expect(results).toEqual([{ doubled: 2 }, { doubled: 4 }]);

    const [a, b] = queues.map((queue) => queue as unknown as QueueConnections) as [QueueConnections, QueueConnections];
    expect(a.client).toBe(b.client);
    expect(a.eclient).toBe(b.eclient);
    expect(a.bclient).not.toBe(b.bclient);
    for (const blocking of [a.eclient, a.bclient]) {
      expect(blocking.options).toMatchObject({ maxRetriesPerRequest: null, enableReadyCheck: false });
    }
    // Reading `bclient` may have just opened it: give its CLIENT SETNAME time to land.
    await vi.waitFor(async () => expect(await connectionsNamed(name)).toBe(4), { timeout: 2_000 }); // client + subscriber + 2 bclients

    await Promise.all(queues.map((queue) => queue.close()));
    // Bull reconnects a bclient while closing and never disconnects connections it did not create.
    await factory.close();
    for (const c of [a.client, a.eclient, a.bclient, b.bclient]) expect(c.status).toBe('end');
    await vi.waitFor(async () => expect(await connectionsNamed(name)).toBe(0), { timeout: 2_000 });
  });

  it("opens its connections from options with the ioredis Bull itself depends on; duplicates a given client in the client's own", async () => {
    // Bull 4 depends on ioredis 5, nested beside it; this package's ioredis is 6, whose reply decoder is slower.
    const { Redis: BullsRedis } = createRequire(createRequire(import.meta.url).resolve('bull'))('ioredis') as { Redis: typeof Redis };
    expect(BullsRedis).not.toBe(Redis);
    const factory = createBullClientFactory({ url: REDIS_URL });
    const { queues, results } = await runQueues(factory);
    expect(results).toEqual([{ doubled: 2 }, { doubled: 4 }]);
    const a = queues[0] as unknown as QueueConnections;
    for (const connection of [a.client, a.eclient, a.bclient]) {
      expect(connection).toBeInstanceOf(BullsRedis);
      expect(connection).not.toBeInstanceOf(Redis);
    }
    await Promise.all(queues.map((queue) => queue.close()));
    await factory.close();

    const mine = new Redis(REDIS_URL, { lazyConnect: true });
    const duplicating = createBullClientFactory(mine);
    expect(duplicating('client')).toBeInstanceOf(Redis);
    await duplicating.close();
  });

  it('duplicates a given client and leaves it open on close; drops an ioredis keyPrefix Bull cannot use', async () => {
    const name = `aiwire-test-${randomUUID()}`;
    const mine = new Redis(REDIS_URL, { connectionName: name, keyPrefix: 'aiwire-test-wrong:' });
    const factory = createBullClientFactory(mine);
    const { queues, results } = await runQueues(factory);
    expect(results).toEqual([{ doubled: 2 }, { doubled: 4 }]);
    expect((queues[0] as unknown as QueueConnections).client).not.toBe(mine);
    expect(await admin.exists(`${prefix}:q-a:id`)).toBe(1); // Bull's keys, not under the ioredis prefix
    expect(await admin.keys('aiwire-test-wrong:*')).toEqual([]);

    await Promise.all(queues.map((queue) => queue.close()));
    await factory.close();
    await vi.waitFor(async () => expect(await connectionsNamed(name)).toBe(1), { timeout: 2_000 });
    expect(mine.status).toBe('ready');
    await mine.quit();
  });

  it('connects its duplicates of a lazy client: Bull waits for ready without sending a command first', async () => {
    const lazy = new Redis(REDIS_URL, { lazyConnect: true });
    const factory = createBullClientFactory(lazy);
    const { results } = await runQueues(factory);
    expect(results).toEqual([{ doubled: 2 }, { doubled: 4 }]);
    expect(lazy.status).toBe('wait');
    await factory.close();
  });

  it('opens fresh shared connections when used again after close', async () => {
    const factory = createBullClientFactory({ url: REDIS_URL });
    const first = factory('client');
    await factory.close();
    const second = factory('client');
    expect(second).not.toBe(first);
    expect(await (second as unknown as Redis).ping()).toBe('PONG');
    await factory.close();
  });

  it('reports connection errors by type', async () => {
    const errors: string[] = [];
    const factory = createBullClientFactory(
      { url: 'redis://127.0.0.1:1', retryStrategy: () => null },
      { onError: (_error, type) => errors.push(type) },
    );
    factory('client');
    await vi.waitFor(() => expect(errors).toContain('client'), { timeout: 2_000 });
    await factory.close();
  });

  it('closes at once a client that never reached Redis (no QUIT queued behind a reconnect)', async () => {
    const factory = createBullClientFactory({ url: 'redis://127.0.0.1:1', retryStrategy: () => 1_000 });
    factory('client');
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await factory.close();
    expect(Date.now() - started).toBeLessThan(500);
  });
});
