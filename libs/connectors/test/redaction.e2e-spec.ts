import { inspect } from 'node:util';
import { AuthError, ConnectorHttpError, type RestConnector } from '@aiwire/connectors';
import { startAuthServer, type AuthTestServer } from './auth-server.js';
import { captureEvents, rejectionOf, startConnectors, type CapturedEvents, type RunningConnectors } from './connectors-fixtures.js';
import { errorText } from './error-text.js';

/** Characters that change under every encoding: `/`, `+`, `=`, a space, a tilde. */
const CLIENT_SECRET = 'CLIENT/SECRET+ABCD=';
const REFRESH_TOKEN = 'refresh/token+with=signs ~x';

/** Each wire form a careless endpoint may echo a value in. */
const wireForms = (value: string): string[] => [value, encodeURIComponent(value), new URLSearchParams([['', value]]).toString().slice(1)];

describe('credentials echoed back in another form, or too short to scrub before', () => {
  let server: AuthTestServer;
  let running: RunningConnectors;
  let events: CapturedEvents;

  beforeEach(async () => {
    server = await startAuthServer({ accepted: 'k3y', hsSecret: 'unused-hs-secret', rsPublicKey: '' });
    events = captureEvents();
  });
  afterEach(async () => {
    events.stop();
    await running.close();
    await server.close();
  });

  const everything = (error: unknown): string =>
    [errorText(error), inspect(error, { showHidden: true, depth: Infinity }), running.logs.text(), events.text()].join('\n');

  it.each(['body', 'basic'] as const)(
    'oauth2 (client authentication in the %s): a token endpoint echoing the form leaks no form of the client secret or refresh token',
    async (clientAuthentication) => {
      running = await startConnectors({
        api: {
          kind: 'rest',
          baseUrl: server.url,
          auth: { type: 'oauth2', tokenUrl: `${server.url}/oauth/token`, clientId: 'client-id-1', clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN, clientAuthentication },
        },
      });
      const error = await rejectionOf(running.get<RestConnector>('api').request({ method: 'GET', path: '/orders' }));
      expect(error).toBeInstanceOf(AuthError);
      expect(error).toMatchObject({ code: 'invalid_client', status: 401 });
      const text = everything(error);
      // The endpoint did echo them: the description is there, with the credentials masked.
      expect(error.message).toMatch(/Client authentication failed for .*\[REDACTED\]/);
      for (const form of [...wireForms(CLIENT_SECRET), ...wireForms(REFRESH_TOKEN)]) expect(text, `leaks ${form}`).not.toContain(form);
      if (clientAuthentication === 'basic') expect(error.message).toMatch(/authorization: Basic \[REDACTED\]/);
    },
  );

  it('a credential shorter than 8 characters is scrubbed from the echo too', async () => {
    running = await startConnectors({ api: { kind: 'rest', baseUrl: server.url, retry: false, auth: { type: 'apiKey', header: 'X-Api-Key', key: 'pw1' } } });
    const error = await rejectionOf(running.get<RestConnector>('api').request({ method: 'GET', path: '/orders' }));
    expect(error).toBeInstanceOf(ConnectorHttpError);
    expect(error).toMatchObject({ status: 401, providerMessage: 'Bad credentials: [REDACTED]' });
    expect(server.seen[0]).toMatchObject({ path: '/orders' });
    expect(everything(error)).not.toMatch(/\bpw1\b/);
  });
});
