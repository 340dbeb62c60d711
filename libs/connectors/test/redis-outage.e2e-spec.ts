import { AuthError, type HubSpotConnector, type StripeConnector } from '@aiwire/connectors';
import { rejectionOf, sandboxConnectors, startConnectors, timed, usePrivateRedis } from './connectors-fixtures.js';

describe('when Redis goes away', () => {
  const setup = usePrivateRedis((sandbox, redis) => {
    const c = sandboxConnectors(sandbox);
    return startConnectors(
      { stripe: { ...c.stripe!, rateLimit: { capacity: 100, refillPerSecond: 100 } }, crm: c.crm!, crm2: c.crm! },
      { redis: { url: redis.url }, keyPrefix: 'outage' },
    );
  });

  it('lets rate-limited calls through (logged once), keeps a cached token, and refuses to refresh without a lock', async () => {
    const { sandbox, redis, running } = setup;
    const stripe = running.get<StripeConnector>('stripe');
    const crm = running.get<HubSpotConnector>('crm');
    await stripe.getCustomer('cus_Sbxmaya000001');
    await crm.getContact('101');
    await redis.stop();

    const { ms } = await timed(async () => {
      await expect(stripe.getCustomer('cus_Sbxmaya000001')).resolves.toMatchObject({ id: 'cus_Sbxmaya000001' });
      await expect(stripe.getCustomer('cus_Sbxliam000001')).resolves.toMatchObject({ id: 'cus_Sbxliam000001' });
    });
    expect(ms).toBeLessThan(2_000);
    expect(running.logs.text().match(/shared rate limiter is unavailable/g)).toHaveLength(1);
    // The token in memory is still valid: no Redis needed.
    await expect(crm.getContact('102')).resolves.toMatchObject({ id: '102' });
    // A connector without a token cannot take the refresh lock: it says so at once instead of hanging.
    const { value: error, ms: refused } = await timed(() => rejectionOf(running.get<HubSpotConnector>('crm2').getContact('101')));
    expect(refused).toBeLessThan(500);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: 'token_store_unavailable' });
    expect(error.message).toMatch(/token cache in Redis is unreachable/);
    expect(sandbox.state.oauth.issuedCount()).toBe(1);
  }, 20_000);
});
