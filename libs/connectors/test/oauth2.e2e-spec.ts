import { Redis } from 'ioredis';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import {
  AuthError,
  ConnectorConfigurationError,
  ConnectorHttpError,
  EnvSecretsProvider,
  SecretNotFoundError,
  env,
  type HubSpotConnector,
  type OAuth2AuthOptions,
  type Secret,
  type SecretsProvider,
} from '@aiwire/connectors';
import { REDIS_URL, captureEvents, deleteKeys, rejectionOf, sandboxOAuth2, startConnectors, uniquePrefix, type RunningConnectors } from './connectors-fixtures.js';

describe('oauth2 strategy: token cache in Redis, early refresh, 401 refresh, rotation, cooldown', () => {
  let sandbox: Sandbox;
  let redis: Redis;
  const open: RunningConnectors[] = [];

  const auth = (extra: Partial<OAuth2AuthOptions> = {}): OAuth2AuthOptions => sandboxOAuth2(sandbox, extra);
  async function crm(extra: Partial<OAuth2AuthOptions> = {}, module: { keyPrefix?: string; encryptionKey?: Secret; secrets?: SecretsProvider } = {}): Promise<HubSpotConnector> {
    const running = await startConnectors({ crm: { kind: 'hubspot', baseUrl: sandbox.urls.hubspot, auth: auth(extra), retry: { baseDelayMs: 10 } } }, module);
    open.push(running);
    return running.get('crm');
  }
  const refreshes = () => sandbox.state.oauth.issuedCount('refresh_token');
  const hubspotStatuses = () => sandbox.state.requests.filter('hubspot').map((r) => r.status);

  beforeEach(async () => {
    sandbox = await startSandbox();
    redis = new Redis(REDIS_URL);
  });
  afterEach(async () => {
    for (const running of open.splice(0)) await running.close();
    redis.disconnect();
    await sandbox.close();
  });

  it('fetches one token, caches it in Redis until expiry and reuses it', async () => {
    const client = await crm();
    await client.getContact('101');
    await client.getContact('102');
    expect(refreshes()).toBe(1);
    const [key] = await redis.keys(`${open[0]!.prefix}:crm:oauth2:*:token`);
    expect(key).toBeDefined();
    const ttl = await redis.pttl(key!);
    expect(ttl).toBeGreaterThan(1_790_000);
    expect(ttl).toBeLessThanOrEqual(1_800_000);
  });

  it('runs one refresh for many concurrent calls in one process', async () => {
    sandbox.faults.inject('oauth', { delayMs: 200 });
    const client = await crm();
    const contacts = await Promise.all(['101', '102', '103', '104', '105', '101', '102', '103'].map((id) => client.getContact(id)));
    expect(contacts).toHaveLength(8);
    expect(refreshes()).toBe(1);
  });

  it('refreshes ahead of expiry, so the API never sees an expired token', async () => {
    sandbox.state.oauth.settings.accessTokenTtlSeconds = 2;
    const client = await crm();
    await client.getContact('101');
    await new Promise((r) => setTimeout(r, 1100)); // past half the lifetime: refresh is due, the token still valid
    await client.getContact('101');
    expect(refreshes()).toBe(2);
    expect(hubspotStatuses()).toEqual([200, 200]);
  });

  it('answers a 401 after expiry with exactly one refresh and one retry', async () => {
    const events = captureEvents();
    try {
      const client = await crm();
      await client.getContact('101');
      sandbox.state.oauth.expireAccessTokens();
      await expect(client.getContact('102')).resolves.toMatchObject({ id: '102' });
      expect(refreshes()).toBe(2);
      expect(hubspotStatuses()).toEqual([200, 401, 200]);
      expect(events.calls.at(-1)).toMatchObject({ attempts: 2, outcome: 'success' });
      expect(events.attempts.at(-2)).toMatchObject({ retry: { reason: 'unauthorized', delayMs: 0 }, attributes: { 'http.response.status_code': 401 } });
    } finally {
      events.stop();
    }
  });

  it('refreshes only once per call when the new token is refused too', async () => {
    const client = await crm();
    await client.getContact('101');
    sandbox.faults.inject('hubspot', { status: 401, times: 2 });
    const error = await rejectionOf(client.getContact('101'));
    expect(error).toBeInstanceOf(ConnectorHttpError);
    expect(error).toMatchObject({ status: 401, code: 'EXPIRED_AUTHENTICATION', attempts: 2 });
    expect(refreshes()).toBe(2);
  });

  it('saves a rotated refresh token, which the next process uses', async () => {
    sandbox.state.oauth.settings.rotateRefreshTokens = true;
    const prefix = uniquePrefix('oauth-rotation');
    try {
      await (await crm({}, { keyPrefix: prefix })).getContact('101');
      const [key] = await redis.keys(`${prefix}:crm:oauth2:*:refresh-token`);
      const saved = await redis.get(key!);
      expect(saved).not.toBe(sandbox.credentials.oauthRefreshToken);
      expect(sandbox.state.oauth.refreshTokens.get(saved!)).toMatchObject({ revoked: false });
      expect(sandbox.state.oauth.refreshTokens.get(sandbox.credentials.oauthRefreshToken)).toMatchObject({ revoked: true });
      // A second instance, still configured with the original (now revoked) refresh token.
      sandbox.state.oauth.expireAccessTokens();
      await expect((await crm({}, { keyPrefix: prefix })).getContact('102')).resolves.toMatchObject({ id: '102' });
      expect(refreshes()).toBe(2);
      expect(sandbox.state.oauth.requests.filter((r) => r.error === 'invalid_grant')).toHaveLength(0);
    } finally {
      await deleteKeys(prefix);
    }
  });

  it('cools down after a refused refresh: a clear AuthError, then no request until the cooldown ends', async () => {
    const client = await crm({ refreshToken: 'revoked-refresh-token', refreshCooldownMs: 400 });
    const first = await rejectionOf(client.getContact('101'));
    expect(first).toBeInstanceOf(AuthError);
    expect(first).toMatchObject({ code: 'invalid_grant', status: 400, connector: 'crm', strategy: 'oauth2' });
    expect(first.message).toMatch(/refused the refresh token \(invalid_grant/);
    expect(first.message).toMatch(/authorize the app again/);
    expect(first.message).not.toContain('revoked-refresh-token');
    const second = await rejectionOf(client.getContact('101'));
    expect(second).toMatchObject({ code: 'refresh_cooldown' });
    expect((second as AuthError).retryAfterMs).toBeGreaterThan(0);
    expect((second as AuthError).retryAfterMs).toBeLessThanOrEqual(400);
    expect(sandbox.state.oauth.requests).toHaveLength(1);
    expect(sandbox.state.requests.count('hubspot')).toBe(0);
    await new Promise((r) => setTimeout(r, 450));
    await rejectionOf(client.getContact('101'));
    expect(sandbox.state.oauth.requests).toHaveLength(2);
  });

  it('names the client credentials when the endpoint refuses them, never their values', async () => {
    const client = await crm({ clientSecret: 'wrong-client-secret-value' });
    const error = await rejectionOf(client.getContact('101'));
    expect(error).toMatchObject({ code: 'invalid_client', status: 401 });
    expect(error.message).toMatch(/Check clientId and clientSecret/);
    expect(error.message).not.toContain('wrong-client-secret-value');
  });

  it('reports an unreachable token endpoint after its own retries', async () => {
    sandbox.faults.inject('oauth', { status: 503, times: 3 });
    const client = await crm();
    const error = await rejectionOf(client.getContact('101'));
    expect(error).toMatchObject({ code: 'server_error', status: 503 });
    expect(error.message).toMatch(/token request failed/);
    expect(sandbox.state.requests.count('oauth', 'POST /oauth/v1/token')).toBe(3);
    expect(sandbox.state.requests.count('hubspot')).toBe(0);
  });

  it('takes tokenUrl from env(), resolved and checked at the first token request, never at startup', async () => {
    const secrets = new EnvSecretsProvider({ env: { CRM_TOKEN_URL: sandbox.tokenUrl, CRM_FTP_URL: 'ftp://tokens.example.com/token', CRM_MISFILED: 'sandbox-client-secret' } });
    await expect((await crm({ tokenUrl: env('CRM_TOKEN_URL') }, { secrets })).getContact('101')).resolves.toMatchObject({ id: '101' });
    expect(refreshes()).toBe(1);
    for (const name of ['CRM_FTP_URL', 'CRM_MISFILED']) {
      const error = await rejectionOf((await crm({ tokenUrl: env(name) }, { secrets })).getContact('101'));
      expect(error).toBeInstanceOf(ConnectorConfigurationError);
      expect(error.message).toBe(
        `Connector "crm": auth.tokenUrl (env(${name})) is not an absolute http(s) URL, so no token was requested and the call was not sent. ` +
          'Set it to the token endpoint, e.g. https://api.hubapi.com/oauth/v1/token.',
      );
      expect(error.message).not.toContain('sandbox-client-secret');
    }
    expect(await rejectionOf((await crm({ tokenUrl: env('CRM_NOWHERE') }, { secrets })).getContact('101'))).toBeInstanceOf(SecretNotFoundError);
    expect(sandbox.state.requests.count('oauth')).toBe(1);
    expect(sandbox.state.requests.count('hubspot')).toBe(1);
  });

  it.each(['body', 'basic'] as const)('runs the client_credentials grant (client authentication: %s)', async (clientAuthentication) => {
    const client = await crm({ grant: 'client_credentials', refreshToken: undefined, clientAuthentication, scope: ['crm.objects.contacts.read'] });
    await expect(client.getContact('101')).resolves.toMatchObject({ id: '101' });
    expect(sandbox.state.oauth.issuedCount('client_credentials')).toBe(1);
    expect([...sandbox.state.oauth.accessTokens.values()][0]).toMatchObject({ grant: 'client_credentials', scope: 'crm.objects.contacts.read' });
  });

  it('encrypts the cached token with encryptionKey; the same key reads it, another cannot', async () => {
    const prefix = uniquePrefix('oauth-encrypted');
    process.env.AIWIRE_TEST_TOKEN_KEY = 'a passphrase only this app knows';
    try {
      await (await crm({}, { keyPrefix: prefix, encryptionKey: env('AIWIRE_TEST_TOKEN_KEY') })).getContact('101');
      const [key] = await redis.keys(`${prefix}:crm:oauth2:*:token`);
      const stored = (await redis.get(key!))!;
      expect(stored.startsWith('enc:v1:')).toBe(true);
      for (const token of sandbox.state.oauth.accessTokens.keys()) expect(stored).not.toContain(token);
      await (await crm({}, { keyPrefix: prefix, encryptionKey: 'a passphrase only this app knows' })).getContact('101');
      expect(refreshes()).toBe(1);
      await (await crm({}, { keyPrefix: prefix, encryptionKey: 'another passphrase' })).getContact('101');
      expect(refreshes()).toBe(2);
    } finally {
      delete process.env.AIWIRE_TEST_TOKEN_KEY;
      await deleteKeys(prefix);
    }
  });
});
