import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { WebhookRegistrar, WebhookRegistrationError } from '@aiwire/connectors';
import { errorText } from './error-text.js';
import { rejectionOf, startConnectors, type RunningConnectors } from './connectors-fixtures.js';

/**
 * A GitHub that refuses every new hook with a 422 whose message quotes the hook's config, secret
 * included — as a validation error may. The secret must never reach an error, its cause or a log.
 */
describe('GitHub webhook registration: the hook secret is redacted', () => {
  let github: Server;
  let baseUrl: string;
  const sentSecrets: string[] = [];
  const open: RunningConnectors[] = [];

  async function start(secret?: string, registerOnStartup = false): Promise<RunningConnectors> {
    const subscription = { connector: 'github', topics: ['push'], repository: 'acme/shop', ...(secret && { secret }) };
    const running = await startConnectors(
      { github: { kind: 'github', baseUrl, auth: { type: 'bearer', token: 'ghp_test_token_000000' }, retry: false } },
      { webhooks: { publicUrl: 'https://app.example.com/webhooks', registerOnStartup, subscriptions: [subscription] } },
    );
    open.push(running);
    return running;
  }
  const everything = (error: unknown): string => `${errorText(error)}\n${inspect(error, { depth: 20, showHidden: true })}`;

  beforeAll(async () => {
    github = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        if (req.method === 'GET') return res.end('[]');
        const secret = (JSON.parse(body) as { config: { secret: string } }).config.secret;
        sentSecrets.push(secret);
        res.statusCode = 422;
        res.end(JSON.stringify({ message: 'Validation Failed', errors: [{ resource: 'Hook', code: 'custom', message: `config ${JSON.stringify({ secret })} is not allowed here` }] }));
      });
    });
    await new Promise<void>((resolve) => github.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(github.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => github.close(() => resolve())));
  afterEach(async () => {
    for (const running of open.splice(0)) await running.close();
    sentSecrets.length = 0;
  });

  it.each([
    ['a configured secret', 'configured-hook-secret-4f1c9e'],
    ['a generated secret', undefined],
  ])('%s never appears in the WebhookRegistrationError', async (_, configured) => {
    const running = await start(configured);
    const error = await rejectionOf(running.app.get(WebhookRegistrar).ensureAll());
    expect(error).toBeInstanceOf(WebhookRegistrationError);
    expect(error.message).toMatch(/HTTP 422 custom "Validation Failed: config \{"secret":"\[REDACTED\]"\} is not allowed here"/);
    const [secret] = sentSecrets;
    expect(secret).toMatch(configured ?? /^[0-9a-f]{64}$/);
    expect(everything(error)).not.toContain(secret);
  });

  it('never appears in the startup log', async () => {
    const running = await start('configured-hook-secret-7a2d0b', true);
    expect(sentSecrets).toEqual(['configured-hook-secret-7a2d0b']);
    expect(running.logs.text()).toMatch(/Could not ensure the webhook subscription of connector "github"/);
    expect(running.logs.text()).not.toContain('configured-hook-secret-7a2d0b');
  });
});
