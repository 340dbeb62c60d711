import type { Redis } from 'ioredis';
import { RedisConfigurationError } from '../errors/redis-configuration.error.js';
import { isClusterClient } from './redis-cluster.js';
import type { RedisClient } from './redis-connection.js';
import { redisMessages } from './redis.messages.js';

/**
 * Options of {@link waitForRedisReady}.
 * @publicApi
 */
export interface WaitForRedisReadyOptions {
  /**
   * Longest wait for the connection, in ms; after it the call resolves `false`.
   * @default 2000
   */
  timeoutMs?: number;
}

/** What a standalone node answers when asked for cluster slots. */
const CLUSTER_DISABLED = /cluster support disabled/i;

/**
 * Waits until `client` is ready and checks that it is the kind of Redis it was configured for.
 * Resolves `true` when ready, `false` when Redis did not answer within `timeoutMs` (Redis down: the
 * caller starts anyway and degrades until it is back). Rejects with `RedisConfigurationError` when
 * Redis answers but cannot work as configured: cluster options that name a Redis with cluster
 * support disabled, or single-Redis options that name a node of a cluster with several masters.
 * Opens a lazy client; never closes it (the caller owns it, also after a rejection).
 * @publicApi
 */
export async function waitForRedisReady(client: RedisClient, options: WaitForRedisReadyOptions = {}): Promise<boolean> {
  const { timeoutMs = 2000 } = options;
  const ready = await new Promise<boolean>((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      client.off('ready', onReady);
      client.off('node error', onNodeError);
    };
    const onReady = (): void => (cleanup(), resolve(true));
    // ioredis reports each node's answer to CLUSTER SLOTS here, then keeps retrying: stop at the first refusal.
    const onNodeError = (error: unknown, node: unknown): void => {
      if (!(error instanceof Error) || !CLUSTER_DISABLED.test(error.message)) return;
      cleanup();
      reject(new RedisConfigurationError('not-a-cluster', redisMessages.notACluster(String(node)), { cause: error }));
    };
    const timer = setTimeout(() => (cleanup(), resolve(false)), timeoutMs);
    if (client.status === 'ready') return onReady();
    client.on('ready', onReady);
    client.on('node error', onNodeError);
    if (client.status === 'wait') client.connect().catch(() => undefined);
  });
  if (ready && !isClusterClient(client)) await refuseClusterNode(client);
  return ready;
}

/** A single-node client on a node of a multi-master cluster would fail with MOVED on most keys. */
async function refuseClusterNode(client: Redis): Promise<void> {
  const masters = await clusterMasters(client).catch(() => 0); // a proxy may not know INFO / CLUSTER: nothing to say
  if (masters <= 1) return;
  const { host, port } = client.options;
  throw new RedisConfigurationError('cluster-as-standalone', redisMessages.clusterAsStandalone(`${host}:${port}`, masters));
}

async function clusterMasters(client: Redis): Promise<number> {
  if (!/cluster_enabled:1/.test(await client.info('cluster'))) return 0;
  const info = (await client.cluster('INFO')) as string;
  return Number(/cluster_size:(\d+)/.exec(info)?.[1] ?? 0);
}
