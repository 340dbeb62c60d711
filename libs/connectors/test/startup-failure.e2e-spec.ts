import { Test } from '@nestjs/testing';
import { Redis } from 'ioredis';
import { ConnectorConfigurationError, ConnectorsModule, WebhookRegistrationError, type ConnectorsModuleOptions } from '@aiwire/connectors';
import { startPrivateRedis } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { rejectionOf, type PrivateRedis } from './connectors-fixtures.js';

/** A startup that fails must leave no Redis connection behind: the host cannot close what it never got. */
describe('a failed startup closes what it opened', () => {
  let redis: PrivateRedis;
  let admin: Redis;
  /** Connections the private Redis holds, besides the test's own. */
  const others = async (): Promise<number> => ((await admin.client('LIST')) as string).trim().split('\n').length - 1;
  const settled = (what: string) => waitFor(async () => (await others()) === 0, 2_000, what);
  const options = (extra: Partial<ConnectorsModuleOptions> = {}): ConnectorsModuleOptions => ({
    redis: { url: redis.url },
    keyPrefix: 'startup',
    connectors: { erp: { kind: 'rest', baseUrl: 'http://127.0.0.1:9/api', retry: false } },
    ...extra,
  });

  beforeAll(async () => {
    redis = await startPrivateRedis();
    admin = new Redis(redis.url);
  });
  afterAll(async () => {
    admin.disconnect();
    await redis.stop();
  });

  it('a bad connector option is refused before Redis is connected', async () => {
    const bad = options({ connectors: { erp: { kind: 'rest', baseUrl: 'https://erp.example.com', rateLimit: { capacity: 0, refillPerSecond: 1 } } } });
    const error = await rejectionOf(Test.createTestingModule({ imports: [ConnectorsModule.forRoot(bad)] }).compile());
    expect(error).toBeInstanceOf(ConnectorConfigurationError);
    await settled('no connection left by the refused options');
  });

  it('forRootAsync: connectorNames the factory does not configure are refused before Redis is connected', async () => {
    const build = Test.createTestingModule({ imports: [ConnectorsModule.forRootAsync({ connectorNames: ['ghost'], useFactory: () => options() })] }).compile();
    expect(await rejectionOf(build)).toBeInstanceOf(ConnectorConfigurationError);
    await settled('no connection left by forRootAsync');
  });

  it('failOnStartupError: a webhook registration that fails the start closes the connection', async () => {
    const webhooks = { publicUrl: 'https://app.example.com/webhooks', failOnStartupError: true, subscriptions: [{ connector: 'stripe', topics: ['charge.refunded'] }] };
    const stripe = { kind: 'stripe' as const, baseUrl: 'http://127.0.0.1:9', auth: { type: 'bearer' as const, token: 'sk_test_unused' }, retry: false as const };
    const moduleRef = await Test.createTestingModule({ imports: [ConnectorsModule.forRoot(options({ connectors: { stripe }, webhooks }))] })
      .setLogger({ log: () => undefined, error: () => undefined, warn: () => undefined })
      .compile();
    expect(await others()).toBeGreaterThan(0);
    expect(await rejectionOf(moduleRef.init())).toBeInstanceOf(WebhookRegistrationError);
    await settled('no connection left by the failed registration');
  });
});
