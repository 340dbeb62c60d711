import { inspect } from 'node:util';
import { Redis } from 'ioredis';
import { AuthError, WebhookRegistrar, WebhookRegistrationError, type HubSpotConnector } from '@aiwire/connectors';
import { errorText } from './error-text.js';
import { rejectionOf, sandboxConnectors, startConnectors, usePrivateRedis } from './connectors-fixtures.js';

const PREFIX = 'refusing';

/**
 * A Redis that refuses to store secrets: an ACL lets the module read every key and write only its
 * rate-limit buckets and locks, so the write of a webhook secret or an OAuth token answers NOPERM —
 * a reply that ioredis hands back with the command's arguments (the secret) attached.
 */
async function refuseSecretWrites(url: string): Promise<void> {
  const admin = new Redis(url);
  try {
    await admin.call('ACL', 'SETUSER', 'default', 'resetkeys', '%R~*', `%RW~${PREFIX}:ratelimit:*`, `%RW~${PREFIX}:*:webhook-lock:*`, `%RW~${PREFIX}:*:oauth2:*:lock`);
  } finally {
    admin.disconnect();
  }
}

/** Every text the error holds: message, stack, own properties (hidden ones too) down the cause chain. */
const everything = (error: unknown): string => `${errorText(error)}\n${inspect(error, { depth: 20, showHidden: true })}`;

describe('secrets written to Redis never ride on its errors', () => {
  const setup = usePrivateRedis(async (sandbox, redis) => {
    await refuseSecretWrites(redis.url);
    const c = sandboxConnectors(sandbox);
    return startConnectors(
      { stripe: c.stripe!, github: c.github!, crm: c.crm! },
      { redis: { url: redis.url }, keyPrefix: PREFIX, webhooks: { publicUrl: 'https://app.example.com/webhooks', registerOnStartup: false, subscriptions: [] } },
    );
  });

  it.each([
    ['stripe', { connector: 'stripe', topics: ['charge.refunded'] }, () => [...setup.sandbox.state.stripe.webhookEndpoints.values()][0]?.secret],
    ['github', { connector: 'github', topics: ['push'], repository: 'aiwire-demo/storefront' }, () => [...setup.sandbox.state.github.hooks.values()][0]?.secret],
  ] as const)('%s: a refused write of the signing secret fails WebhookRegistrationError without the secret', async (_, subscription, providerSecret) => {
    const error = await rejectionOf(setup.running.app.get(WebhookRegistrar).ensure(subscription));
    expect(error).toBeInstanceOf(WebhookRegistrationError);
    expect(error.message).toMatch(/NOPERM/);
    const secret = providerSecret();
    expect(secret).toMatch(/.{16,}/);
    expect(everything(error)).not.toContain(secret);
    // What stays is what a reader needs: the command and how many arguments it had.
    expect((error.cause as { command?: unknown }).command).toEqual({ name: 'set', args: expect.arrayContaining(['[REDACTED]']) });
    expect(((error.cause as { command: { args: string[] } }).command.args).every((a) => a === '[REDACTED]')).toBe(true);
  });

  it('oauth2: a refused write of the new access token fails AuthError token_store_unavailable with the arguments redacted', async () => {
    const { sandbox, running } = setup;
    const error = await rejectionOf(running.get<HubSpotConnector>('crm').getContact('101'));
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: 'token_store_unavailable' });
    expect(error.message).toMatch(/NOPERM/);
    const issued = [...sandbox.state.oauth.accessTokens.keys()];
    expect(issued).toHaveLength(1);
    expect(everything(error)).not.toContain(issued[0]);
    // Redacted at the store, not merely scrubbed of the token afterwards: no argument survives.
    expect((error.cause as { command: { args: string[] } }).command.args.every((a) => a === '[REDACTED]')).toBe(true);
    expect(sandbox.state.requests.count('hubspot')).toBe(0);
  });
});
