import { RedisConfigurationError, type RedisConnectionConfig } from '@aiwire/core';
import { REDIS_URL } from './redis.js';

/** How a module's startup was refused, and how long it took to say so. */
export interface StartupRefusal {
  readonly error: RedisConfigurationError;
  readonly ms: number;
}

/**
 * The two refusals every module's `redis` option owes its users, whatever the module: cluster
 * options naming a single Redis, and single-Redis options naming a node of a cluster. `refuse`
 * starts the module with the given `redis` option and resolves to its startup error;
 * `clusterNode` is the URL of a node of a running cluster.
 */
export function itRefusesTheWrongKindOfRedis(refuse: (redis: RedisConnectionConfig) => Promise<StartupRefusal>, clusterNode: () => string): void {
  it('cluster nodes that point at a single Redis (cluster support disabled), at once', async () => {
    const { error, ms } = await refuse({ cluster: { nodes: [REDIS_URL] } });
    expect(error).toBeInstanceOf(RedisConfigurationError);
    expect(error).toMatchObject({ problem: 'not-a-cluster' });
    expect(error.message).toContain("write { url: 'redis://host:6379' } instead of { cluster: { nodes } }");
    expect(ms).toBeLessThan(1_500);
  });

  it('single-Redis options that name a node of the cluster', async () => {
    const { error } = await refuse({ url: clusterNode() });
    expect(error).toBeInstanceOf(RedisConfigurationError);
    expect(error).toMatchObject({ problem: 'cluster-as-standalone' });
    expect(error.message).toContain(`{ cluster: { nodes: ['redis://127.0.0.1:`);
  });
}
