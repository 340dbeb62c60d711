import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../../test/support/http-app.js';
import { deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { SECRETS, hostModule, type Calls } from '../../webhooks/test/webhook-fixtures.js';
import { MAIN, buildCli, expectOneLineError, runCli } from './send-cli.support.js';

/** `aiwire sign … < body.json` prints headers that, sent with exactly those bytes (as curl would), a real app accepts. */
describe('aiwire sign', () => {
  const prefix = uniquePrefix('cli-sign');
  const calls: Calls = [];
  let running: RunningApp;

  beforeAll(async () => {
    buildCli();
    running = await startApp('fastify', hostModule(calls, { keyPrefix: prefix, queue: { prefix } }));
  }, 120_000);
  afterAll(async () => {
    await running?.close();
    await deleteKeys(prefix);
  });

  /** What `curl -H "name: value" … --data-binary @body.json` sends. */
  async function curl(source: string, headerLines: string, body: string): Promise<{ status: number; body: unknown }> {
    const headers = headerLines.trim().split('\n').map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)] as [string, string]);
    const response = await fetch(`${running.url}/webhooks/${source}`, { method: 'POST', headers, body });
    return { status: response.status, body: await response.json() };
  }

  const stamp = Date.now();
  it.each([
    ['stripe', 'stripe', SECRETS.stripe, [], JSON.stringify({ id: `evt_sign_${stamp}`, object: 'event', type: 'payment_intent.succeeded', data: { object: {} } }, null, 2)],
    ['github', 'github', SECRETS.github, ['--type', 'issues.opened'], JSON.stringify({ action: 'opened', issue: { number: 1 } })],
    ['shopify', 'shopify', SECRETS.shopify, ['--type', 'orders/paid'], JSON.stringify({ id: stamp, total_price: '10.00' })],
    ['slack', 'slack', SECRETS.slack, [], JSON.stringify({ type: 'event_callback', event_id: `EvSign${stamp}`, event: { type: 'message' } })],
    ['standard', 'billing', SECRETS.standard, [], JSON.stringify({ type: 'invoice.paid', data: {} })],
    ['hmac', 'helpdesk', SECRETS.helpdesk, ['--header', 'x-signature'], JSON.stringify({ id: `hd_sign_${stamp}`, event_type: 'ticket.created' })],
  ] as const)('%s: headers as "name: value" lines that the app accepts with the same bytes', async (provider, source, secret, extra, body) => {
    const result = await runCli(['sign', provider, '--secret', secret, ...extra], { stdin: body });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^content-type: application\/json/);
    expect(result.stdout).not.toContain(secret);
    const answer = await curl(source, result.stdout, body);
    expect(answer).toMatchObject({ status: 202, body: { status: 'accepted' } });
  });

  it('--json prints one object of headers; --data reads the body from the argument', async () => {
    const body = JSON.stringify({ id: `evt_sign_json_${stamp}`, type: 'charge.refunded' });
    const result = await runCli(['sign', 'stripe', '--data', body, '--json'], { env: { AIWIRE_SECRET: SECRETS.stripe } });
    expect(result.code).toBe(0);
    const headers = JSON.parse(result.stdout) as Record<string, string>;
    expect(headers['stripe-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const response = await fetch(`${running.url}/webhooks/stripe`, { method: 'POST', headers, body });
    expect(response.status).toBe(202);
  });

  it('refuses with one line and exit 2: nothing on stdin, a body that is not JSON, an unknown provider, github without --type', async () => {
    const secret = 'whsec_never_print_me_sign';
    expectOneLineError(await runCli(['sign', 'stripe', '--secret', secret], { stdin: '' }), 2, /pipe the body on stdin/, secret);
    expectOneLineError(await runCli(['sign', 'stripe', '--secret', secret], { stdin: 'id=1&type=x' }), 2, /the body on stdin is not JSON/, secret);
    expectOneLineError(await runCli(['sign', 'slak', '--secret', secret], { stdin: '{}' }), 2, /unknown provider 'slak'\. Did you mean 'slack'\?/, secret);
    expectOneLineError(await runCli(['sign', 'github', '--secret', secret], { stdin: '{}' }), 2, /pass --type, e\.g\. --type issues\.opened/, secret);
    expectOneLineError(await runCli(['sign', 'stripe', '--secret', 'not-whsec'], { stdin: '{}' }), 2, /starts with whsec_/, 'not-whsec');
  });

  it('the recipe in --help works as written: bash readarray, then curl with those headers and the same file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aiwire-cli-sign-'));
    try {
      const id = `evt_sign_curl_${stamp}`;
      writeFileSync(join(dir, 'body.json'), `${JSON.stringify({ id, object: 'event', type: 'payment_intent.succeeded', data: { object: {} } }, null, 2)}\n`);
      const script = [
        `readarray -t headers < <(node ${JSON.stringify(MAIN)} sign stripe --secret "$STRIPE_WEBHOOK_SECRET" < body.json)`,
        `curl -s "\${headers[@]/#/-H}" --data-binary @body.json ${running.url}/webhooks/stripe`,
      ].join('\n');
      // Asynchronous: the app under test answers curl from this very process.
      const { stdout: out } = await promisify(execFile)('bash', ['-c', script], { cwd: dir, timeout: 15_000, env: { PATH: process.env.PATH, STRIPE_WEBHOOK_SECRET: SECRETS.stripe } });
      expect(JSON.parse(out)).toEqual({ status: 'accepted', id });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--help prints its usage', async () => {
    const result = await runCli(['sign', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: aiwire sign <provider> --secret <secret> \[--type <event>\] < body\.json/);
    expect(result.stdout).toContain('curl');
  });
});
