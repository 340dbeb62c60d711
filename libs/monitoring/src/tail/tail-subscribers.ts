import { isClusterClient, type RedisClient } from '@aiwire/core';

/**
 * How many clients subscribe to `channel`. On a Redis Cluster a PUBLISH reaches every node but
 * `PUBSUB NUMSUB` counts one node's subscribers only, so every node is asked and the counts summed.
 */
export async function countSubscribers(redis: RedisClient, channel: string): Promise<number> {
  const nodes = isClusterClient(redis) ? redis.nodes('all') : [redis];
  const counts = await Promise.all(nodes.map(async (node) => Number(((await node.call('PUBSUB', 'NUMSUB', channel)) as unknown[])[1] ?? 0)));
  return counts.reduce((sum, n) => sum + n, 0);
}
