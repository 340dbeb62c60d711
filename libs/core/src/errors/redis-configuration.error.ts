/**
 * Which part of a Redis configuration was refused.
 * @publicApi
 */
export type RedisConfigurationProblem =
  /** `cluster.nodes` lists no node. */
  | 'empty-node-list'
  /** A `cluster.nodes` entry is not a `redis://` / `rediss://` URL or `{ host, port }`, or the nodes disagree on credentials or TLS. */
  | 'invalid-node'
  /** A key prefix used on a cluster has no hash tag, or prefixes one script uses have different tags. */
  | 'prefix-without-hash-tag'
  /** `{ cluster }` options name a Redis that has cluster support disabled. */
  | 'not-a-cluster'
  /** Single-Redis options name a node of a cluster with several masters. */
  | 'cluster-as-standalone'
  /** Cluster options were given to a function that opens a single Redis connection only. */
  | 'cluster-unsupported';

/**
 * The Redis options cannot work as written; thrown at startup, never per request. The message
 * says what to write instead; `problem` tells the cases apart in code.
 * @publicApi
 */
export class RedisConfigurationError extends Error {
  override readonly name = 'RedisConfigurationError';

  constructor(
    /** What was refused. */
    readonly problem: RedisConfigurationProblem,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
