import { inspect } from 'node:util';
import { Redis } from 'ioredis';
import { startSandbox, type Sandbox } from '@aiwire/sandbox';
import { AuthError, type HubSpotConnector, type OAuth2AuthOptions } from '@aiwire/connectors';
import { REDIS_URL, captureEvents, rejectionOf, sandboxOAuth2, startConnectors, type CapturedEvents, type RunningConnectors } from './connectors-fixtures.js';
import { errorText } from './error-text.js';

/** A careless token endpoint: its error answers echo what it was sent and what it issued. */
describe('oauth2: credentials a token endpoint echoes never reach an error, its causes, a log, an event or Redis', () => {
  let sandbox: Sandbox;
  let running: RunningConnectors;
  let events: CapturedEvents;
  let redis: Redis;

  const auth = (extra: Partial<OAuth2AuthOptions> = {}): OAuth2AuthOptions => sandboxOAuth2(sandbox, { refreshCooldownMs: 60_000, ...extra });
  const basicHeader = () => Buffer.from(`${sandbox.credentials.oauthClientId}:${sandbox.credentials.oauthClientSecret}`).toString('base64');
  /** Every credential of the connections: configured, rotated, issued, and the Basic client header. */
  const secrets = (): string[] => [
    sandbox.credentials.oauthClientSecret,
    ...sandbox.state.oauth.refreshTokens.keys(),
    ...sandbox.state.oauth.accessTokens.keys(),
    basicHeader(),
  ];
  /** The endpoint's refusal, its description echoing what the client sent it (and, for the refresh grant, what it issued). */
  const echoingRefusal = (sent: string[], issued = true) => {
    const tokens = issued ? [...sandbox.state.oauth.refreshTokens.keys(), ...sandbox.state.oauth.accessTokens.keys()] : [];
    const echoed = [...sent, ...tokens].join(' ');
    sandbox.faults.inject('oauth', { status: 400, body: { error: 'invalid_grant', error_description: `Refused: ${echoed} (client ${sandbox.credentials.oauthClientId})` } });
  };
  function expectNoSecret(texts: Record<string, string>): void {
    for (const secret of secrets()) {
      for (const [where, text] of Object.entries(texts)) expect(text.includes(secret), `${where} contains ${secret.slice(0, 12)}…`).toBe(false);
    }
  }

  beforeEach(async () => {
    sandbox = await startSandbox({ oauth: { rotateRefreshTokens: true, accessTokenTtlSeconds: 4 } });
    running = await startConnectors({
      crm: { kind: 'hubspot', baseUrl: sandbox.urls.hubspot, auth: auth(), retry: { baseDelayMs: 10 } },
      basicCrm: { kind: 'hubspot', baseUrl: sandbox.urls.hubspot, auth: auth({ clientAuthentication: 'basic', grant: 'client_credentials', refreshToken: undefined }) },
    });
    events = captureEvents();
    redis = new Redis(REDIS_URL);
  });
  afterEach(async () => {
    events.stop();
    redis.disconnect();
    await running.close();
    await sandbox.close();
  });

  it('a refused refresh after a 401, a refused early refresh and a refused Basic client: nothing secret anywhere', async () => {
    const crm = running.get<HubSpotConnector>('crm');
    const cooldowns = async () => Promise.all((await redis.keys(`${running.prefix}:*:cooldown`)).map(async (key) => (await redis.get(key)) ?? ''));
    await crm.getContact('101'); // token 1, and a rotated refresh token saved in Redis
    expect(sandbox.state.oauth.refreshTokens.size).toBe(2);

    // The token expires at the provider: a 401, one forced refresh, refused.
    sandbox.state.oauth.expireAccessTokens();
    echoingRefusal([sandbox.credentials.oauthClientSecret]);
    const refused = await rejectionOf(crm.getContact('102'));
    expect(refused).toBeInstanceOf(AuthError);
    expect(refused).toMatchObject({ connector: 'crm', code: 'invalid_grant', status: 400 });
    expect(refused.message).toMatch(/refused the refresh token \(invalid_grant: Refused: \[REDACTED\] \[REDACTED\] \[REDACTED\] \[REDACTED\]/);
    expect(refused.cause).toBeInstanceOf(Error);
    const stored = await cooldowns();
    expect(stored).toHaveLength(1);
    await redis.del(...(await redis.keys(`${running.prefix}:*:cooldown`)));

    // A new token; then, past half its lifetime, an early refresh refused: the call goes on, a warning is logged.
    await expect(crm.getContact('103')).resolves.toMatchObject({ id: '103' });
    await new Promise((r) => setTimeout(r, 2_200));
    echoingRefusal([sandbox.credentials.oauthClientSecret]);
    await expect(crm.getContact('104')).resolves.toMatchObject({ id: '104' });
    expect(running.logs.text()).toMatch(/early token refresh failed \(invalid_grant\); the current token stays in use/);
    stored.push(...(await cooldowns()));

    echoingRefusal([basicHeader(), sandbox.credentials.oauthClientSecret], false);
    const basic = await rejectionOf(running.get<HubSpotConnector>('basicCrm').getContact('101'));
    expect(basic).toBeInstanceOf(AuthError);
    expect(sandbox.state.requests.filter('oauth').map((r) => r.status)).toEqual([200, 400, 200, 400, 400]);
    stored.push(...(await cooldowns()).filter((c) => !stored.includes(c)));
    expect(stored).toHaveLength(3);
    expectNoSecret({
      refusedError: errorText(refused),
      refusedInspect: inspect(refused, { showHidden: true, depth: Infinity }),
      basicError: errorText(basic),
      basicInspect: inspect(basic, { showHidden: true, depth: Infinity }),
      logs: running.logs.text(),
      events: events.text(),
      redisCooldowns: stored.join('\n'),
    });
    expect(events.tokens.filter((t) => t.outcome === 'failed').map((t) => t.connector)).toEqual(['crm', 'crm', 'basicCrm']);
    expect(sandbox.state.requests.filter('hubspot').map((r) => r.status)).toEqual([200, 401, 401, 200, 200]);
  }, 20_000);
});
