import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../../test/support/http-app.js';
import { deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { SECRETS, hostModule, type Calls } from '../../webhooks/test/webhook-fixtures.js';
import { buildCli, expectOneLineError, jsonLines, runCli } from './send-cli.support.js';

/** `aiwire fixtures run demo.json --to …`: a sequence against a real app, later steps using earlier events and answers. */
describe('aiwire fixtures', () => {
  const prefix = uniquePrefix('cli-fixtures');
  const calls: Calls = [];
  const dir = mkdtempSync(join(tmpdir(), 'aiwire-cli-fixtures-'));
  let running: RunningApp;
  const file = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return path;
  };
  const env = { SHOPIFY_SECRET: SECRETS.shopify, STRIPE_SECRET: SECRETS.stripe };

  beforeAll(async () => {
    buildCli();
    running = await startApp('express', hostModule(calls, { keyPrefix: prefix, queue: { prefix } }));
  }, 120_000);
  afterAll(async () => {
    await running?.close();
    await deleteKeys(prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the steps in order: templates carry earlier events and answers forward, a resend is a duplicate', async () => {
    const demo = file('demo.json', [
      { name: 'order', provider: 'shopify', event: 'orders/create', path: '/webhooks/shopify', secretEnv: 'SHOPIFY_SECRET', set: { total_price: '837.86' }, expect: { status: 202 } },
      { name: 'pay', provider: 'stripe', event: 'payment_intent.succeeded', path: '/webhooks/stripe', secretEnv: 'STRIPE_SECRET',
        set: { 'data.object.metadata.order_id': '{{steps.order.event.body.id}}', 'data.object.metadata.note': 'order {{steps.1.event.body.name}} accepted as {{steps.1.response.body.id}}' } },
      { resend: 'pay', path: '/webhooks/stripe', expect: { status: 200, body: { status: 'duplicate', id: '{{steps.pay.response.body.id}}' } } },
      { provider: 'hmac', event: 'ticket.created', path: '/webhooks/helpdesk', secret: SECRETS.helpdesk, data: { id: 'hd_{{steps.2.event.id}}', event_type: 'ticket.created', order: '{{steps.order.event.body.id}}' } },
    ]);
    const result = await runCli(['fixtures', 'run', demo, '--to', running.url, '--json'], { env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [order, pay, again, ticket] = jsonLines(result.stdout);
    expect(order).toMatchObject({ step: '1 (order)', provider: 'shopify', status: 202 });
    expect(pay).toMatchObject({ step: '2 (pay)', provider: 'stripe', status: 202 });
    expect(again).toMatchObject({ step: '3', duplicate: true, id: pay!.id, status: 200, body: { status: 'duplicate' } });
    expect(ticket).toMatchObject({ id: `hd_${String(pay!.id)}`, status: 202 });
    const paid = await waitFor(() => calls.find((c) => c.event.id === pay!.id && c.handler === 'onPaid'));
    const orderCall = await waitFor(() => calls.find((c) => c.event.id === order!.id));
    const orderId = (orderCall.event.payload as { id: number; name: string }).id;
    expect((orderCall.event.payload as { total_price: unknown }).total_price).toBe('837.86');
    expect(paid.event.payload).toMatchObject({ data: { object: { metadata: { order_id: orderId, note: `order ${(orderCall.event.payload as { name: string }).name} accepted as ${String(order!.id)}` } } } });
  });

  it('prints each step for people; exits 1 at the first failed expectation and says which', async () => {
    const steps = file('failing.json', {
      steps: [
        { provider: 'github', event: 'push', path: '/webhooks/github', secret: SECRETS.github },
        { name: 'forged', provider: 'github', event: 'issues.opened', path: '/webhooks/github', secret: 'not-the-secret', expect: { status: 202 } },
        { provider: 'github', event: 'push', path: '/webhooks/github', secret: SECRETS.github },
      ],
    });
    const result = await runCli(['fixtures', 'run', steps, '--to', running.url]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/→ step 1: github push [0-9a-f-]{36} → http.*\/webhooks\/github\n← 202 Accepted/);
    expect(result.stdout).toMatch(/→ step 2 \(forged\): github issues\.opened .*\n← 401 Unauthorized/);
    expect(result.stdout).not.toContain('step 3');
    expect(result.stderr).toMatch(/^aiwire fixtures: step 2 \(forged\) failed: expected status 202, got 401 .*invalid_signature.* 1 later step not run\.\n$/);
    expect(result.stdout + result.stderr).not.toContain('not-the-secret');
  });

  it('a template naming a field the answer lacks fails the run (exit 1) and names the step', async () => {
    const steps = file('lacking.json', [
      { provider: 'github', event: 'push', path: '/webhooks/github', secret: SECRETS.github },
      { provider: 'github', event: 'push', path: '/webhooks/github', secret: SECRETS.github, set: { ref: '{{steps.1.response.body.order_id}}' } },
    ]);
    const result = await runCli(['fixtures', 'run', steps, '--to', running.url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("aiwire fixtures: step 2: {{steps.1.response.body.order_id}} cannot be filled: step 1 has nothing at 'order_id'.\n");
    expect(result.stdout).toMatch(/^→ step 1: github push .*\n← 202 Accepted .*\n.*\n$/);
  });

  it('checks the whole file before sending: one line, exit 2', async () => {
    const cases: [unknown, RegExp][] = [
      [[{ provider: 'stripe', event: 'payment_intent.succeded', path: '/webhooks/stripe', secret: SECRETS.stripe }], /step 1: no stripe fixture for 'payment_intent\.succeded'\. Did you mean 'payment_intent\.succeeded'\?/],
      [[{ provider: 'stripe', event: 'charge.refunded', secret: 'sk_live_oops' }], /step 1: the secret is not a stripe secret/],
      [[{ provider: 'github', event: 'push', secret: 'x' }, { provider: 'github', event: 'push', secret: 'x', set: { ref: '{{steps.5.event.id}}' } }], /step 2: a template names no earlier step: '5'/],
      [[{ provider: 'github', event: 'push', secretEnv: 'NOT_SET_ANYWHERE' }], /step 1: the environment variable NOT_SET_ANYWHERE \(secretEnv\) is not set/],
      [[{ provider: 'github', event: 'push', secret: 'x', expcet: 202 }], /step 1: unknown field 'expcet'/],
      [{ nope: [] }, /holds no steps/],
    ];
    for (const [content, message] of cases) {
      const result = await runCli(['fixtures', 'run', file('bad.json', content), '--to', running.url]);
      expectOneLineError(result, 2, message, 'sk_live_oops');
    }
    expectOneLineError(await runCli(['fixtures', 'run', file('broken.json', '[{'), '--to', running.url]), 2, /broken\.json is not JSON/);
    expectOneLineError(await runCli(['fixtures', 'run', join(dir, 'missing.json'), '--to', running.url]), 2, /cannot read the steps file .*missing\.json \(no such file\)/);
  });

  it('list prints every provider and event in a table (and --json)', async () => {
    const table = await runCli(['fixtures', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^PROVIDER {2}EVENT {2,}SCHEME\nstripe {4}payment_intent\.succeeded {2,}stripe\n/);
    const json = JSON.parse((await runCli(['fixtures', 'list', 'slack', '--json'])).stdout) as unknown[];
    expect(json).toEqual(['app_mention', 'message', 'url_verification'].map((event) => ({ provider: 'slack', event, scheme: 'slack' })));
  });

  it('--help documents the steps format', async () => {
    const result = await runCli(['fixtures', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: aiwire fixtures run <steps\.json> --to <base-url>/);
    for (const word of ['secretEnv', 'expect', 'resend', '{{steps.<n|name>.response.body.<field>}}', 'Exit codes']) expect(result.stdout).toContain(word);
  });
});
