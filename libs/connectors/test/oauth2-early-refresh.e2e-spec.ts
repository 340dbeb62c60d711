import { Redis } from 'ioredis';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { AuthError, type ConnectorOptions, type HubSpotConnector, type OAuth2AuthOptions } from '@aiwire/connectors';
import { waitFor } from '../../../test/support/wait.js';
import { OAuth2TokenStore } from '../src/auth/oauth2-token.store.js';
import { TokenCipher } from '../src/auth/token-cipher.js';
import { REDIS_URL, captureEvents, deleteKeys, rejectionOf, sandboxOAuth2, startConnectors, timed, uniquePrefix, type CapturedEvents, type RunningConnectors } from './connectors-fixtures.js';

const until = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));

/** Tokens live 4 s here: half-life at 2 s, unusable (within 1 s of expiry) from 3 s. */
describe('oauth2: the refresh window, and a still-valid token kept in use while a refresh cannot run', () => {
  let sandbox: Sandbox;
  let redis: Redis;
  let events: CapturedEvents;
  const open: RunningConnectors[] = [];
  const prefix = uniquePrefix('oauth-early');

  const crm = (auth: Partial<OAuth2AuthOptions> = {}): ConnectorOptions => ({
    kind: 'hubspot',
    baseUrl: sandbox.urls.hubspot,
    retry: { baseDelayMs: 10 },
    auth: sandboxOAuth2(sandbox, auth),
  });
  async function start(connectors: Record<string, ConnectorOptions>): Promise<RunningConnectors> {
    const running = await startConnectors(connectors, { keyPrefix: prefix });
    open.push(running);
    return running;
  }
  const refreshed = (connector: string) => events.tokens.filter((t) => t.connector === connector && t.outcome === 'refreshed').length;
  const hubspotStatuses = () => sandbox.state.requests.filter('hubspot').map((r) => r.status);
  /** The connection's Redis base key (`{prefix}:{connector}:oauth2:{id}`), from its cached token. */
  const baseKey = async (connector: string) => ((await redis.keys(`${prefix}:${connector}:oauth2:*:token`))[0] ?? '').replace(/:token$/, '');

  beforeEach(async () => {
    sandbox = await startSandbox({ oauth: { accessTokenTtlSeconds: 4 } });
    redis = new Redis(REDIS_URL);
    events = captureEvents();
  });
  afterEach(async () => {
    events.stop();
    for (const running of open.splice(0)) await running.close();
    redis.disconnect();
    await sandbox.close();
    await deleteKeys(prefix);
  });

  it('honours refreshBeforeExpiryMs on its own: not refreshed past half-life, refreshed once within the window', async () => {
    const running = await start({ windowed: crm({ refreshBeforeExpiryMs: 1_200 }), capped: crm() });
    const [windowed, capped] = [running.get<HubSpotConnector>('windowed'), running.get<HubSpotConnector>('capped')];
    await Promise.all([windowed.getContact('101'), capped.getContact('101')]);
    const t0 = Date.now();
    await until(t0 + 2_400);
    // Past half the lifetime: the default window (300 s, capped at half the lifetime) refreshes; 1.2 s does not yet.
    await Promise.all([windowed.getContact('102'), capped.getContact('102')]);
    expect([refreshed('windowed'), refreshed('capped')]).toEqual([1, 2]);
    await until(t0 + 2_900);
    // Within 1.2 s of expiry, and still valid.
    await windowed.getContact('103');
    expect(refreshed('windowed')).toBe(2);
    expect(hubspotStatuses().every((s) => s === 200)).toBe(true);
  });

  it('keeps using the valid token while another instance holds the refresh lock for a slow refresh', async () => {
    const [a, b] = [(await start({ crm: crm() })).get<HubSpotConnector>('crm'), (await start({ crm: crm() })).get<HubSpotConnector>('crm')];
    await a.getContact('101');
    const t0 = Date.now();
    await until(t0 + 2_200); // due, and valid for almost 2 s more
    sandbox.faults.inject('oauth', { delayMs: 1_200 });
    const slow = b.getContact('102'); // b takes the lock and waits on the token endpoint
    await waitFor(() => sandbox.state.requests.count('oauth') === 2, 1_000, 'the second token request');
    const { ms } = await timed(() => a.getContact('103'));
    expect(ms).toBeLessThan(500);
    expect(sandbox.state.oauth.issuedCount('refresh_token')).toBe(1);
    expect(sandbox.state.requests.filter('oauth')[1]?.status).toBeUndefined(); // still being answered
    await expect(slow).resolves.toMatchObject({ id: '102' });
    expect(sandbox.state.oauth.issuedCount('refresh_token')).toBe(2);
    expect(hubspotStatuses()).toEqual([200, 200, 200]);
  });

  it('keeps using the valid token when an early refresh fails (with a warning), and through the cooldown', async () => {
    const running = await start({ crm: crm() });
    const client = running.get<HubSpotConnector>('crm');
    await client.getContact('101');
    const t0 = Date.now();
    await until(t0 + 2_200);
    // The refresh token was revoked; the access token it got stays valid until it expires.
    sandbox.faults.inject('oauth', { status: 400 });
    await expect(client.getContact('102')).resolves.toMatchObject({ id: '102' });
    expect(running.logs.text()).toMatch(/early token refresh failed \(invalid_grant\); the current token stays in use for 2 s more/);
    await expect(client.getContact('103')).resolves.toMatchObject({ id: '103' });
    expect(events.tokens.map((t) => t.outcome)).toEqual(['refreshed', 'failed', 'cooldown']);
    expect(sandbox.state.requests.filter('oauth').map((r) => r.status)).toEqual([200, 400]);
    expect(hubspotStatuses()).toEqual([200, 200, 200]);
  });

  it('when another process holds the lock too long: a valid token is used at once, a token saved meanwhile as soon as it is stored, else refresh_lock_timeout', async () => {
    // timeoutMs 100: the lock is waited for 3 × 100 + 5 000 ms.
    const running = await start({ crm: crm({ timeoutMs: 100 }), crm2: crm({ timeoutMs: 100 }) });
    const [client, other] = [running.get<HubSpotConnector>('crm'), running.get<HubSpotConnector>('crm2')];
    await client.getContact('101');
    const t0 = Date.now();
    const base = await baseKey('crm');
    // A process took both connections' refresh locks and died: the keys live on for a minute.
    for (const key of [`${base}:lock`, `${base.replace(':crm:', ':crm2:')}:lock`]) expect(await redis.set(key, 'crashed-process', 'PX', 60_000)).toBe('OK');

    await until(t0 + 2_200); // due: the early refresh cannot take the lock, so the valid token goes on
    expect((await timed(() => client.getContact('102'))).ms).toBeLessThan(300);

    await until(t0 + 3_100); // within a second of expiry: no longer sent, so the call waits for the lock
    const waiting = timed(() => client.getContact('103'));
    const stranded = timed(() => rejectionOf(other.getContact('101')));
    // The holder saved a new token before it died (the lock is never released).
    sandbox.state.oauth.settings.accessTokenTtlSeconds = 60;
    const issued = sandbox.state.oauth.issueAccessToken(sandbox.credentials.oauthClientId, 'refresh_token');
    await new OAuth2TokenStore(redis, new TokenCipher(async () => undefined), base).saveToken({ accessToken: issued.accessToken, tokenType: 'bearer', obtainedAt: Date.now(), expiresAt: issued.expiresAt });

    const [served, refused] = await Promise.all([waiting, stranded]);
    expect(served.value).toMatchObject({ id: '103' });
    // Stored while the call waited for the lock: used at once, not after the lock's 5.3 s wait.
    expect(served.ms).toBeLessThan(1_000);
    expect(refused.value).toBeInstanceOf(AuthError);
    expect(refused.value).toMatchObject({ code: 'refresh_lock_timeout', connector: 'crm2' });
    expect(refused.value.message).toMatch(/another process held the token refresh lock for more than 6 s; the call was not sent/);
    expect(sandbox.state.requests.count('oauth')).toBe(1);
    expect(hubspotStatuses()).toEqual([200, 200, 200]);
  }, 20_000);
});
