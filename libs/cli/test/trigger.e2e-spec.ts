import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../../test/support/http-app.js';
import { deleteKeys, freePort, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { SECRETS, hostModule, type Calls } from '../../webhooks/test/webhook-fixtures.js';
import { buildCli, expectOneLineError, jsonLines, runCli } from './send-cli.support.js';

/** `aiwire trigger` as a child process against a real Nest app with WebhookModule and a real Redis. */
describe('aiwire trigger against a running app', () => {
  const prefix = uniquePrefix('cli-trigger');
  const calls: Calls = [];
  const dir = mkdtempSync(join(tmpdir(), 'aiwire-cli-trigger-'));
  let running: RunningApp;
  const to = (source: string) => `${running.url}/webhooks/${source}`;
  const handled = (id: unknown) => waitFor(() => calls.some((c) => c.event.id === id), 10_000, `a handler for ${String(id)}`);

  beforeAll(async () => {
    buildCli();
    running = await startApp('express', hostModule(calls, { keyPrefix: prefix, queue: { prefix } }));
  }, 120_000);
  afterAll(async () => {
    await running?.close();
    await deleteKeys(prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends a signed Stripe event: 202 accepted, the handler gets it, exit 0, and the secret is never printed', async () => {
    const result = await runCli(['trigger', 'stripe', 'payment_intent.succeeded', '--to', to('stripe'), '--secret', SECRETS.stripe]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^→ stripe payment_intent\.succeeded evt_1\w+ → http:\/\/127\.0\.0\.1:\d+\/webhooks\/stripe\n← 202 Accepted {2}\d+ ms\n {2}\{"status":"accepted","id":"evt_1\w+"\}\n$/);
    const id = /"id":"(evt_1\w+)"/.exec(result.stdout)![1];
    await handled(id);
    expect(calls.find((c) => c.event.id === id && c.handler === 'onPaid')?.event.type).toBe('payment_intent.succeeded');
    expect(result.stdout + result.stderr).not.toContain(SECRETS.stripe);
  });

  it('--duplicate sends the same delivery twice: accepted, then answered as a duplicate', async () => {
    const result = await runCli(['trigger', 'stripe', 'charge.refunded', '--to', to('stripe'), '--secret', SECRETS.stripe, '--duplicate', '--json']);
    expect(result.code).toBe(0);
    const [first, second] = jsonLines(result.stdout);
    expect(first).toMatchObject({ provider: 'stripe', event: 'charge.refunded', duplicate: false, status: 202, ok: true, body: { status: 'accepted' } });
    expect(second).toMatchObject({ duplicate: true, status: 200, ok: true, body: { status: 'duplicate', id: first!.id } });
  });

  it('--repeat sends distinct events, each accepted', async () => {
    const result = await runCli(['trigger', 'github', 'push', '--to', to('github'), '--secret', SECRETS.github, '--repeat', '3', '--json']);
    expect(result.code).toBe(0);
    const sends = jsonLines(result.stdout);
    expect(sends.map((s) => s.status)).toEqual([202, 202, 202]);
    expect(new Set(sends.map((s) => s.id)).size).toBe(3);
    const people = await runCli(['trigger', 'github', 'push', '--to', to('github'), '--secret', SECRETS.github, '--repeat', '2', '--duplicate']);
    expect(people.code).toBe(0);
    expect(people.stdout.match(/← 202 Accepted/g)).toHaveLength(2);
    expect(people.stdout.match(/← 200 OK .*\n {2}\{"status":"duplicate"/g)).toHaveLength(2);
    expect(people.stdout).toMatch(/\n4 sent: 4 answered 2xx\n$/);
  });

  it('a forged secret: the app answers 401, the CLI prints it and exits 1', async () => {
    const forged = 'whsec_forged_by_someone_else_1234';
    const result = await runCli(['trigger', 'stripe', 'payment_intent.succeeded', '--to', to('stripe'), '--secret', forged, '--json']);
    expect(result.code).toBe(1);
    expect(jsonLines(result.stdout)).toEqual([expect.objectContaining({ status: 401, ok: false, body: expect.objectContaining({ error: 'invalid_signature' }) })]);
    expect(result.stdout + result.stderr).not.toContain(forged);
  });

  it.each([
    ['github', 'issues.opened', 'github', SECRETS.github, [], 'issues.opened'],
    ['github', 'pull_request.opened', 'github', SECRETS.github, [], 'pull_request.opened'],
    ['shopify', 'orders/create', 'shopify', SECRETS.shopify, ['--set', 'total_price=837.86', '--set', 'customer.id=42'], 'orders/create'],
    ['shopify', 'customers/create', 'shopify', SECRETS.shopify, [], 'customers/create'],
    ['slack', 'app_mention', 'slack', SECRETS.slack, [], 'app_mention'],
    ['slack', 'message', 'slack', SECRETS.slack, [], 'message'],
    ['standard', 'invoice.paid', 'billing', SECRETS.standard, [], 'invoice.paid'],
    ['hmac', 'ticket.created', 'helpdesk', SECRETS.helpdesk, ['--header', 'x-signature'], 'ticket.created'],
    ['stripe', 'checkout.session.completed', 'stripe', SECRETS.stripe, ['--set', 'data.object.amount_total=5000'], 'checkout.session.completed'],
  ] as const)('%s %s reaches the handlers with its type', async (provider, event, source, secret, extra, type) => {
    const result = await runCli(['trigger', provider, event, '--to', to(source), '--secret', secret, ...extra, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [send] = jsonLines(result.stdout);
    expect(send).toMatchObject({ status: 202, body: { status: 'accepted', id: send!.id } });
    await handled(send!.id);
    const call = calls.find((c) => c.event.id === send!.id)!;
    expect(call.event.type).toBe(type);
    if (provider === 'shopify' && event === 'orders/create') expect(call.event.payload).toMatchObject({ total_price: 837.86, customer: { id: 42 } });
  });

  it('slack url_verification is answered with its challenge', async () => {
    const result = await runCli(['trigger', 'slack', 'url_verification', '--to', to('slack'), '--secret', SECRETS.slack, '--json']);
    expect(result.code).toBe(0);
    expect(jsonLines(result.stdout)[0]).toMatchObject({ status: 200, body: { challenge: expect.any(String) } });
  });

  it('signs your own body (--data @file, and inline), with the secret from --secret-file or AIWIRE_SECRET', async () => {
    const id = `evt_cli_own_${Date.now()}`;
    writeFileSync(join(dir, 'event.json'), JSON.stringify({ id, object: 'event', type: 'payment_intent.succeeded', data: { object: { id: 'pi_own' } } }));
    writeFileSync(join(dir, 'secret'), `${SECRETS.stripe}\n`);
    const fromFile = await runCli(['trigger', 'stripe', '--data', `@${join(dir, 'event.json')}`, '--to', to('stripe'), '--secret-file', join(dir, 'secret'), '--json']);
    expect(jsonLines(fromFile.stdout)[0]).toMatchObject({ id, status: 202 });
    await handled(id);
    const inline = await runCli(['trigger', 'stripe', '--data', JSON.stringify({ id: `${id}_2`, type: 'x.y' }), '--to', to('stripe'), '--json'], { env: { AIWIRE_SECRET: SECRETS.stripe } });
    expect(jsonLines(inline.stdout)[0]).toMatchObject({ id: `${id}_2`, event: 'x.y', status: 202 });
  });

  describe('bad input: one line on stderr, exit 2 (unreachable: 1), never a stack trace, never the secret', () => {
    const secret = 'whsec_never_print_me_0123456789';

    it('an unknown provider lists the providers and suggests the nearest', async () => {
      const result = await runCli(['trigger', 'strpe', 'payment_intent.succeeded', '--to', 'http://127.0.0.1:1/x', '--secret', secret]);
      expectOneLineError(result, 2, /^aiwire trigger: unknown provider 'strpe'\. Did you mean 'stripe'\? Providers: stripe, shopify, github, slack, standard, hmac\.\n$/, secret);
    });

    it('an unknown event lists the provider’s events and suggests the nearest', async () => {
      const result = await runCli(['trigger', 'shopify', 'order/create', '--to', 'http://127.0.0.1:1/x', '--secret', secret]);
      expectOneLineError(result, 2, /no shopify fixture for 'order\/create'\. Did you mean 'orders\/create'\? shopify events: orders\/create, orders\/paid, products\/update, customers\/create/, secret);
    });

    it('an unreachable URL: "cannot reach …: connection refused", exit 1', async () => {
      const url = `http://127.0.0.1:${await freePort()}/webhooks/stripe`;
      const result = await runCli(['trigger', 'stripe', 'payment_intent.succeeded', '--to', url, '--secret', secret]);
      expectOneLineError(result, 1, new RegExp(`^aiwire trigger: cannot reach ${url.replaceAll('.', '\\.')}: connection refused\\n$`), secret);
    });

    it('a secret in the wrong format: whsec_ for stripe, whsec_ + base64 for standard', async () => {
      const stripe = await runCli(['trigger', 'stripe', 'payment_intent.succeeded', '--to', to('stripe'), '--secret', 'sk_test_not_a_webhook_secret']);
      expectOneLineError(stripe, 2, /the secret is not a stripe secret: a Stripe signing secret starts with whsec_/, 'sk_test_not_a_webhook_secret');
      const standard = await runCli(['trigger', 'standard', 'invoice.paid', '--to', to('billing'), '--secret', 'whsec_not*base64!']);
      expectOneLineError(standard, 2, /whsec_ followed by base64/, 'whsec_not*base64!');
      const none = await runCli(['trigger', 'github', 'push', '--to', to('github')]);
      expectOneLineError(none, 2, /no secret for github: pass --secret, --secret-file <path>, or set AIWIRE_SECRET/);
    });

    it('a body file that does not exist or is not JSON', async () => {
      writeFileSync(join(dir, 'broken.json'), '{"id": "evt_1", oops}');
      const missing = await runCli(['trigger', 'stripe', '--data', `@${join(dir, 'nope.json')}`, '--to', to('stripe'), '--secret', secret]);
      expectOneLineError(missing, 2, /cannot read the body file .*nope\.json \(no such file\)/, secret);
      const broken = await runCli(['trigger', 'stripe', '--data', `@${join(dir, 'broken.json')}`, '--to', to('stripe'), '--secret', secret]);
      expectOneLineError(broken, 2, /broken\.json is not JSON \(.*position \d+.*\)/, secret);
    });

    it('bad flags: missing --to, a bad --repeat, an unknown option, --header outside hmac', async () => {
      expectOneLineError(await runCli(['trigger', 'stripe', 'payment_intent.succeeded', '--secret', secret]), 2, /--to http:\/\/localhost:3000/, secret);
      expectOneLineError(await runCli(['trigger', 'stripe', 'payment_intent.succeeded', '--to', to('stripe'), '--secret', secret, '--repeat', '0']), 2, /--repeat '0' is not a whole number/, secret);
      expectOneLineError(await runCli(['trigger', 'stripe', 'payment_intent.succeeded', '--to', to('stripe'), '--secret', secret, '--bogus']), 2, /Unknown option '--bogus'/, secret);
      expectOneLineError(await runCli(['trigger', 'stripe', 'payment_intent.succeeded', '--to', to('stripe'), '--secret', secret, '--header', 'x-sig']), 2, /applies to 'aiwire trigger hmac …' only/, secret);
    });
  });

  it('--help prints the usage, every flag and exit 0', async () => {
    const result = await runCli(['trigger', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: aiwire trigger <provider> <event> --to <url> --secret <secret>/);
    for (const flag of ['--to', '--secret', '--secret-file', '--set', '--data', '--repeat', '--duplicate', '--header', '--json', 'Exit codes']) expect(result.stdout).toContain(flag);
  });
});
