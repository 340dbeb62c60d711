import { Cluster } from 'ioredis';
import type { ClusterOptions, RedisOptions } from 'ioredis';
import { RedisConfigurationError } from '../errors/redis-configuration.error.js';
import { redisMessages } from './redis.messages.js';

/**
 * A cluster node given as host and port.
 * @publicApi
 */
export interface RedisClusterNodeAddress {
  /** Host name or IP address of the node. */
  host: string;
  /** Port of the node (1–65535). */
  port: number;
}

/**
 * How to reach a Redis Cluster: some of its nodes, plus ioredis Cluster options.
 * @publicApi
 */
export interface RedisClusterOptions {
  cluster: {
    /**
     * Nodes of the cluster (one that answers is enough; ioredis discovers the others), as
     * `redis://[user:password@]host:port` (`rediss://` for TLS) or `{ host, port }`. Credentials and
     * TLS named in the URLs apply to every node, including the discovered ones.
     * @default none (required, at least one)
     */
    nodes: readonly (string | RedisClusterNodeAddress)[];
    /**
     * ioredis Cluster options; what every node connection uses (password, TLS, timeouts) goes in `redisOptions`.
     * @default {}
     */
    options?: ClusterOptions;
  };
}

/** Options that ioredis reads on the Cluster itself, not (only) on each node connection. */
const CLUSTER_LEVEL = ['keyPrefix', 'enableReadyCheck', 'lazyConnect', 'enableAutoPipelining', 'autoPipeliningIgnoredCommands', 'enableOfflineQueue'] as const;

/** What ioredis refuses in a Cluster's `redisOptions`: a node's address comes from the cluster. */
const NOT_PER_NODE = new Set(['host', 'port', 'path', 'sentinels', 'retryStrategy', 'enableOfflineQueue', 'readOnly']);

/**
 * True for an ioredis `Cluster` (duck-typed: the caller's may come from another copy of ioredis).
 * @publicApi
 */
export function isClusterClient(value: unknown): value is Cluster {
  return typeof value === 'object' && value !== null && (value as { isCluster?: unknown }).isCluster === true;
}

/**
 * True when `value` names a Redis Cluster: `{ cluster: { nodes } }` options or a `Cluster` client.
 * @publicApi
 */
export function isClusterConfig(value: unknown): value is RedisClusterOptions | Cluster {
  if (isClusterClient(value)) return true;
  // A Redis client has a `cluster` method (the CLUSTER command), never an object.
  const cluster = typeof value === 'object' && value !== null ? (value as { cluster?: unknown }).cluster : undefined;
  return typeof cluster === 'object' && cluster !== null;
}

/**
 * A new ioredis Cluster from options (validated; throws `RedisConfigurationError`), or a
 * `duplicate()` of a given one, with single-Redis `overrides` mapped onto the cluster and its nodes.
 */
export function createClusterClient(config: RedisClusterOptions | Cluster, overrides: RedisOptions = {}): Cluster {
  const extra = toClusterOverrides(overrides);
  if (isClusterClient(config)) return config.duplicate([], extra);
  const { nodes, options = {} } = config.cluster;
  const { addresses, auth } = parseClusterNodes(nodes);
  const redisOptions = { ...auth, ...options.redisOptions, ...extra.redisOptions };
  return new Cluster(addresses, { ...options, ...extra, redisOptions });
}

/**
 * `overrides` written for one Redis, as Cluster options: node options go to `redisOptions`, the
 * ones the Cluster reads itself are set there too, and `retryStrategy` becomes `clusterRetryStrategy`
 * (ioredis never reconnects a single node; the Cluster reconnects as a whole).
 */
function toClusterOverrides(overrides: RedisOptions): ClusterOptions {
  const node = Object.fromEntries(Object.entries(overrides).filter(([key]) => !NOT_PER_NODE.has(key)));
  const cluster: ClusterOptions = { redisOptions: node };
  const writable = cluster as Record<string, unknown>;
  for (const key of CLUSTER_LEVEL) if (key in overrides) writable[key] = overrides[key];
  if ('retryStrategy' in overrides) cluster.clusterRetryStrategy = overrides.retryStrategy;
  return cluster;
}

interface ParsedNodes {
  addresses: RedisClusterNodeAddress[];
  /** What the URLs name for every node: ioredis applies URL credentials to the startup nodes only. */
  auth: Pick<RedisOptions, 'username' | 'password' | 'tls'>;
}

function parseClusterNodes(nodes: readonly (string | RedisClusterNodeAddress)[]): ParsedNodes {
  if (!Array.isArray(nodes) || nodes.length === 0) throw new RedisConfigurationError('empty-node-list', redisMessages.emptyNodeList());
  const addresses: RedisClusterNodeAddress[] = [];
  const auths = new Map<string, ParsedNodes['auth']>();
  for (const [index, node] of nodes.entries()) {
    if (typeof node !== 'string') {
      addresses.push(checkAddress(node, index, `${String(node?.host)}:${String(node?.port)}`));
      continue;
    }
    const url = parseNodeUrl(node, index);
    addresses.push(checkAddress({ host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port || 6379) }, index, redact(node)));
    const auth = {
      ...(url.username && { username: decodeURIComponent(url.username) }),
      ...(url.password && { password: decodeURIComponent(url.password) }),
      ...(url.protocol === 'rediss:' && { tls: {} }),
    };
    auths.set(JSON.stringify(auth), auth);
  }
  if (auths.size > 1) throw new RedisConfigurationError('invalid-node', redisMessages.mixedNodeAuth());
  return { addresses, auth: [...auths.values()][0] ?? {} };
}

function parseNodeUrl(node: string, index: number): URL {
  const invalid = (reason: string) => new RedisConfigurationError('invalid-node', redisMessages.invalidNode(index, redact(node), reason));
  let url: URL;
  try {
    if (!node.includes('://')) throw new TypeError('no scheme');
    url = new URL(node);
  } catch {
    throw invalid('is not a redis:// URL');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw invalid(`has scheme "${url.protocol}", not redis: or rediss:`);
  if (!/^\/?0?$/.test(url.pathname)) throw invalid(`names database "${url.pathname.slice(1)}", but a cluster has only database 0`);
  return url;
}

function checkAddress(node: RedisClusterNodeAddress, index: number, shown: string): RedisClusterNodeAddress {
  const { host, port } = (typeof node === 'object' && node !== null ? node : {}) as Partial<RedisClusterNodeAddress>;
  if (typeof host !== 'string' || host === '') throw new RedisConfigurationError('invalid-node', redisMessages.invalidNode(index, shown, 'names no host'));
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new RedisConfigurationError('invalid-node', redisMessages.invalidNode(index, shown, 'has no port between 1 and 65535'));
  }
  return { host, port };
}

/** The node as written, without what could be credentials (everything before an "@"). */
function redact(node: string): string {
  return node.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^@]*@/i, '$1***@');
}
