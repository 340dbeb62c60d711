import { Test } from '@nestjs/testing';
import type { Cluster } from 'ioredis';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { RateLimitTimeoutError, RedisConfigurationError } from '@aiwire/core';
import {
  AuthError,
  ConnectorRegistry,
  ConnectorsModule,
  type ConnectorOptions,
  type ConnectorsModuleOptions,
  type HubSpotConnector,
  type StripeConnector,
  type StripeConnectorOptions,
} from '@aiwire/connectors';
import { CapturingLogger } from '../../../test/support/capturing-logger.js';
import { itRefusesTheWrongKindOfRedis } from '../../../test/support/cluster-refusals.js';
import { connectClusterAdmin, startRedisCluster, type RedisClusterHandle } from '../../../test/support/redis-cluster.js';
import { waitFor } from '../../../test/support/wait.js';
import { rejectionOf, sandboxConnectors, timed } from './connectors-fixtures.js';

interface Running {
  readonly registry: ConnectorRegistry;
  readonly logs: CapturingLogger;
  close(): Promise<void>;
}

/** A real 3-master Redis Cluster, started for this file (test/support/redis-cluster.ts); the SaaS side is apps/sandbox. */
describe('@aiwire/connectors on a Redis Cluster of 3 masters', () => {
  let redisCluster: RedisClusterHandle;
  let admin: Cluster;
  let sandbox: Sandbox;
  const onCluster = () => ({ cluster: { nodes: redisCluster.nodes } });
  const open: Running[] = [];
  const customer = 'cus_Sbxmaya000001';

  async function start(connectors: Record<string, ConnectorOptions>, extra: Partial<Omit<ConnectorsModuleOptions, 'connectors'>> = {}): Promise<Running> {
    const logs = new CapturingLogger();
    const moduleRef = await Test.createTestingModule({ imports: [ConnectorsModule.forRoot({ redis: onCluster(), ...extra, connectors })] })
      .setLogger(logs)
      .compile();
    const app = await moduleRef.init();
    const running = { registry: app.get(ConnectorRegistry), logs, close: () => app.close() };
    open.push(running);
    return running;
  }

  /** Every key on every master (a cluster has no one place to list them). */
  async function allKeys(): Promise<string[]> {
    const perNode = await Promise.all(admin.nodes('master').map((node) => node.keys('*')));
    return perNode.flat().sort();
  }

  beforeAll(async () => {
    redisCluster = await startRedisCluster(3);
    admin = await connectClusterAdmin(redisCluster);
  }, 60_000);
  beforeEach(async () => {
    sandbox = await startSandbox({ limits: { stripePerSecond: 10_000 } });
  });
  afterEach(async () => {
    for (const running of open.splice(0)) await running.close();
    await sandbox.close();
  });
  afterAll(async () => {
    admin?.disconnect();
    await redisCluster?.stop();
  });

  it('OAuth2: two instances asking at once share one refresh (token store + refresh lock) under the hash-tagged default prefix', async () => {
    // The token endpoint is slow, so both instances surely ask while no token exists yet.
    sandbox.faults.inject('oauth', { delayMs: 500, times: 2 });
    const crm = sandboxConnectors(sandbox).crm!;
    const [a, b] = [await start({ crm }), await start({ crm })];
    const contacts = await Promise.all([
      a.registry.get<HubSpotConnector>('crm').getContact('101'),
      b.registry.get<HubSpotConnector>('crm').getContact('102'),
    ]);
    expect(contacts.map((c) => c.id)).toEqual(['101', '102']);
    expect(sandbox.state.oauth.issuedCount('refresh_token')).toBe(1);
    expect(sandbox.state.requests.count('oauth')).toBe(1);

    // The default 'aiwire:connectors' became '{aiwire}:connectors'; the lock is gone, the token cached.
    const keys = await allKeys();
    const token = keys.find((key) => /^\{aiwire\}:connectors:crm:oauth2:[^:]+:token$/.test(key));
    expect(token).toBeDefined();
    expect(keys.filter((key) => key.endsWith(':lock'))).toEqual([]);
    expect(await admin.pttl(token!)).toBeGreaterThan(60_000);
    await b.registry.get<HubSpotConnector>('crm').getContact('103');
    expect(sandbox.state.requests.count('oauth')).toBe(1);
  });

  it('rate limit: two instances share one token bucket on the cluster, and a wait over maxWaitMs fails at once', async () => {
    const stripe = sandboxConnectors(sandbox).stripe as StripeConnectorOptions;
    const keyPrefix = '{limits}:connectors';
    const rateLimit = { capacity: 2, refillPerSecond: 10 };
    const [a, b] = [await start({ stripe: { ...stripe, rateLimit } }, { keyPrefix }), await start({ stripe: { ...stripe, rateLimit } }, { keyPrefix })];
    const [sa, sb] = [a.registry.get<StripeConnector>('stripe'), b.registry.get<StripeConnector>('stripe')];
    const { ms } = await timed(() => Promise.all([...Array(6)].flatMap(() => [sa.getCustomer(customer), sb.getCustomer(customer)])));
    // 12 calls: 2 at once, then 10 at 10 per second, whichever instance makes them.
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(2_500);
    expect(sandbox.state.requests.count('stripe')).toBe(12);
    expect(await admin.exists(`${keyPrefix}:ratelimit:stripe`)).toBe(1);

    const slow = await start({ stingy: { ...stripe, rateLimit: { capacity: 1, refillPerSecond: 0.5, maxWaitMs: 100 } } }, { keyPrefix });
    const stingy = slow.registry.get<StripeConnector>('stingy');
    await stingy.getCustomer(customer);
    const error = await rejectionOf(stingy.getCustomer(customer));
    expect(error).toBeInstanceOf(RateLimitTimeoutError);
    expect((error as RateLimitTimeoutError).waitMs).toBeGreaterThan(1_000);
    expect(sandbox.state.requests.count('stripe')).toBe(13);
  });

  describe('refuses at startup, with RedisConfigurationError saying what to write', () => {
    const refusal = async (extra: Partial<ConnectorsModuleOptions>) => {
      const started = Date.now();
      const error = await start({ stripe: sandboxConnectors(sandbox).stripe! }, extra).then(
        () => new Error('expected the startup to fail'),
        (e: unknown) => e,
      );
      return { error: error as RedisConfigurationError, ms: Date.now() - started };
    };

    it('a keyPrefix without a hash tag on a cluster', async () => {
      const { error } = await refusal({ keyPrefix: 'shop:connectors' });
      expect(error).toBeInstanceOf(RedisConfigurationError);
      expect(error).toMatchObject({ problem: 'prefix-without-hash-tag' });
      expect(error.message).toContain('keyPrefix "shop:connectors" has no hash tag');
      expect(error.message).toContain('use "{shop}:connectors"');
    });

    itRefusesTheWrongKindOfRedis((redis) => refusal({ redis }), () => redisCluster.nodes[0]!);
  });

  // Last: it stops the cluster.
  it('with the whole cluster down: rate-limited calls go through at once (logged once), a token refresh fails fast', async () => {
    const c = sandboxConnectors(sandbox);
    const running = await start({ stripe: { ...c.stripe!, rateLimit: { capacity: 100, refillPerSecond: 100 } }, crm: c.crm!, crm2: c.crm! }, { keyPrefix: '{outage}:connectors' });
    const stripe = running.registry.get<StripeConnector>('stripe');
    const crm = running.registry.get<HubSpotConnector>('crm');
    await stripe.getCustomer(customer);
    await crm.getContact('101');
    await redisCluster.stop();

    // The first command to the dead cluster fails and the client notices; none waits for Redis to return.
    const { ms } = await timed(async () => {
      await expect(stripe.getCustomer(customer)).resolves.toMatchObject({ id: customer });
      await expect(stripe.getCustomer('cus_Sbxliam000001')).resolves.toMatchObject({ id: 'cus_Sbxliam000001' });
    });
    expect(ms).toBeLessThan(2_000);
    expect(running.logs.text().match(/shared rate limiter is unavailable/g)).toHaveLength(1);
    await expect(crm.getContact('102')).resolves.toMatchObject({ id: '102' }); // the token in memory needs no Redis
    const { value: error, ms: refused } = await timed(() => rejectionOf(running.registry.get<HubSpotConnector>('crm2').getContact('101')));
    expect(refused).toBeLessThan(500);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: 'token_store_unavailable' });
    expect(sandbox.state.oauth.issuedCount()).toBe(1);
    await waitFor(() => running.logs.text().includes('Redis unreachable'), 5_000, 'the outage to be logged');
    await new Promise((r) => setTimeout(r, 1_000)); // several reconnect attempts
    expect(running.logs.text().match(/Redis unreachable/g)).toHaveLength(1);
  });
});
