/** Every message the Redis connection helpers throw, in one place; each says what to write instead. */
export const redisMessages = {
  emptyNodeList: () =>
    `Redis Cluster option cluster.nodes lists no node. List at least one node of the cluster (the others are discovered), ` +
    `e.g. { cluster: { nodes: ['redis://10.0.0.1:6379'] } }; for a single Redis write { url: 'redis://host:6379' } instead.`,
  invalidNode: (index: number, shown: string, reason: string) =>
    `Redis Cluster node #${index} (${shown}) ${reason}. Write each node as 'redis://host:port' ('rediss://' for TLS) ` +
    `or { host, port }, e.g. 'redis://10.0.0.1:6379'.`,
  mixedNodeAuth: () =>
    `Redis Cluster nodes name different users, passwords or schemes (redis:// and rediss://). Every node of a cluster ` +
    `takes the same credentials and TLS: write them the same on every URL, or once in cluster.options.redisOptions.`,
  prefixWithoutHashTag: (option: string, prefix: string, suggestion: string) =>
    `${option} "${prefix}" has no hash tag, but on Redis Cluster every key one script or queue touches must sit in one ` +
    `hash slot; use "${suggestion}" (the part in braces picks the slot).`,
  differentHashTags: (named: string) =>
    `On Redis Cluster these prefixes must share one hash tag, because one script touches keys under each of them: ${named}. ` +
    `Put the same {tag} in all of them, e.g. "{aiwire}:..." for each.`,
  notACluster: (nodes: string) =>
    `The Redis at ${nodes} has cluster support disabled, so it is not a Redis Cluster. For a single Redis write ` +
    `{ url: 'redis://host:6379' } instead of { cluster: { nodes } }; otherwise list nodes of a cluster (cluster-enabled yes).`,
  clusterAsStandalone: (address: string, masters: number) =>
    `The Redis at ${address} is a node of a Redis Cluster with ${masters} masters; a single-node connection would fail ` +
    `with MOVED on keys held by the others. Write { cluster: { nodes: ['redis://${address}'] } } instead.`,
  clusterUnsupported: () =>
    `This connection takes a single Redis only, but Redis Cluster options were given. Open it with ` +
    `createRedisConnection(), which takes { cluster: { nodes } } and ioredis Cluster instances.`,
};
