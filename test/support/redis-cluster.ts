import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis, type Cluster } from 'ioredis';
import { createRedisConnection, waitForRedisReady } from '@aiwire/core';
import { freePort, startPrivateRedis } from './redis.js';
import { waitFor } from './wait.js';

/** A running Redis Cluster of masters only, each owning an equal share of the 16384 slots. */
export interface RedisClusterHandle {
  /** `redis://127.0.0.1:<port>` of every master, for `{ cluster: { nodes } }`. */
  readonly nodes: readonly string[];
  /** Kills the servers and deletes their files; does nothing for a cluster given in REDIS_CLUSTER_NODES. */
  stop(): Promise<void>;
}

const SLOTS = 16384;
/** Redis opens a node's cluster bus on its port + 10000 (`cluster-port` exists only from Redis 7). */
const BUS_OFFSET = 10_000;

/**
 * Starts `masters` private redis-servers with cluster support, assigns the slots and joins them
 * (what `redis-cli --cluster create --cluster-replicas 0` does), and resolves once every node says
 * `cluster_state:ok`. Done over ioredis with CLUSTER ADDSLOTS / MEET, so only redis-server is needed.
 * Set REDIS_CLUSTER_NODES (comma-separated URLs) to use an existing cluster instead.
 */
export async function startRedisCluster(masters = 3): Promise<RedisClusterHandle> {
  const given = process.env.REDIS_CLUSTER_NODES;
  if (given) return { nodes: given.split(',').map((n) => n.trim()), stop: async () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'aiwire-cluster-'));
  const servers: Awaited<ReturnType<typeof startPrivateRedis>>[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(servers.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < masters; i++) {
      const port = await freeClusterPort();
      const conf = join(dir, `nodes-${port}.conf`);
      servers.push(await startPrivateRedis(port, ['--cluster-enabled', 'yes', '--cluster-config-file', conf, '--cluster-node-timeout', '5000', '--dir', dir]));
    }
    await joinCluster(servers.map((s) => s.port));
  } catch (error) {
    await stop();
    throw error;
  }
  return { nodes: servers.map((s) => s.url), stop };
}

/** Gives every node a contiguous share of the slots, introduces them, waits until all agree. */
async function joinCluster(ports: readonly number[]): Promise<void> {
  const admins = ports.map((port) => new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 1 }));
  try {
    await Promise.all(
      admins.map((admin, i) => {
        const from = Math.floor((SLOTS * i) / ports.length);
        const to = Math.floor((SLOTS * (i + 1)) / ports.length);
        return admin.cluster('ADDSLOTS', ...Array.from({ length: to - from }, (_, k) => from + k));
      }),
    );
    const [first, ...others] = admins as [Redis, ...Redis[]];
    for (const port of ports.slice(1)) await first.cluster('MEET', '127.0.0.1', port);
    const states = async (): Promise<boolean> => {
      const infos = await Promise.all([first, ...others].map((a) => a.cluster('INFO') as Promise<string>));
      return infos.every((info) => info.includes('cluster_state:ok') && info.includes(`cluster_known_nodes:${ports.length}`));
    };
    await waitFor(states, 15_000, 'the Redis Cluster nodes to agree (cluster_state:ok)');
  } finally {
    for (const admin of admins) admin.disconnect();
  }
}

/** A free port whose bus port (port + 10000) is free too. */
async function freeClusterPort(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port + BUS_OFFSET <= 65_535 && (await canListen(port + BUS_OFFSET))) return port;
  }
}

function canListen(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A connected `Cluster` client to `handle`, for a test to look at keys and slots; it ignores
 * connection errors, since a test may stop the cluster under it. Throws if the cluster is not ready in 10 s.
 */
export async function connectClusterAdmin(handle: RedisClusterHandle): Promise<Cluster> {
  const admin = createRedisConnection({ cluster: { nodes: handle.nodes } }) as Cluster;
  admin.on('error', () => undefined);
  if (!(await waitForRedisReady(admin, { timeoutMs: 10_000 }))) throw new Error(`the cluster at ${handle.nodes.join(', ')} did not get ready in 10 s`);
  return admin;
}
