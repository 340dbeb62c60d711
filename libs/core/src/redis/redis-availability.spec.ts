import { Redis } from 'ioredis';
import { freePort, startPrivateRedis } from '../../../../test/support/redis.js';
import { waitFor } from '../../../../test/support/wait.js';
import { watchRedisAvailability } from './redis-availability.js';

describe('watchRedisAvailability (a real redis-server, stopped and restarted)', () => {
  const reconnectFast = { retryStrategy: () => 50, maxRetriesPerRequest: 1 };

  it('reports one outage and one recovery across many reconnect attempts, and nothing on quit', async () => {
    let server = await startPrivateRedis();
    const client = new Redis(server.url, reconnectFast);
    const seen: string[] = [];
    let attempts = 0;
    client.on('reconnecting', () => attempts++);
    const stop = watchRedisAvailability(client, { down: (reason) => seen.push(`down: ${reason}`), up: () => seen.push('up') });
    try {
      await client.ping();
      await server.stop();
      await waitFor(() => attempts >= 4, 5_000, 'several reconnect attempts');
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatch(/^down: /);

      server = await startPrivateRedis(server.port);
      await waitFor(() => seen.length === 2, 5_000, 'the recovery');
      expect(seen[1]).toBe('up');
      await client.quit();
      await new Promise((r) => setTimeout(r, 100));
      expect(seen).toHaveLength(2);
    } finally {
      stop();
      client.disconnect();
      await server.stop();
    }
  });

  it('reports a Redis that never answered as down, with the connection error', async () => {
    const client = new Redis(await freePort(), '127.0.0.1', reconnectFast);
    const reasons: string[] = [];
    const stop = watchRedisAvailability(client, { down: (reason) => reasons.push(reason), up: () => reasons.push('up') });
    try {
      await waitFor(() => reasons.length > 0, 5_000, 'the outage');
      expect(reasons).toEqual([expect.stringContaining('ECONNREFUSED')]);
    } finally {
      stop();
      client.disconnect();
    }
  });

  it('stops reporting once the returned function is called', async () => {
    const client = new Redis(await freePort(), '127.0.0.1', { ...reconnectFast, lazyConnect: true });
    client.on('error', () => undefined);
    const reasons: string[] = [];
    watchRedisAvailability(client, { down: (reason) => reasons.push(reason), up: () => undefined })();
    let attempts = 0;
    client.on('reconnecting', () => attempts++);
    client.connect().catch(() => undefined);
    try {
      await waitFor(() => attempts >= 2, 5_000, 'reconnect attempts');
      expect(reasons).toEqual([]);
    } finally {
      client.disconnect();
    }
  });
});
