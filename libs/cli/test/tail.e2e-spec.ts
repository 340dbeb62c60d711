import { createChannel } from '@aiwire/core';
import { startApp, type RunningApp } from '../../../test/support/http-app.js';
import { REDIS_URL, deleteKeys, freePort, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { FlowsService } from '@aiwire/flows';
import { flowsModule, opsFlows } from './fixtures/ops-flows.js';
import { SECRET, billingHandlers, deliver, hostModule, monitoringModule, webhookModule, type Handlers } from './fixtures/ops-app.js';
import { buildCli, cli, expectOneLine, startCli } from './fixtures/ops-cli.js';

const intake = createChannel<unknown>('aiwire:webhook:intake');

describe('aiwire tail', () => {
  const prefix = uniquePrefix('cli-tail');
  const state: Handlers = { failing: new Set(), runs: [] };
  let app: RunningApp;
  const tails: Array<ReturnType<typeof startCli>> = [];
  const tail = (...args: string[]) => {
    const running = startCli(['tail', '--prefix', `${prefix}:monitoring`, ...args], { REDIS_URL });
    tails.push(running);
    return running;
  };
  /** Waits until the tail is subscribed and the app publishes. */
  const ready = async (running: ReturnType<typeof startCli>) => {
    await waitFor(() => running.stderr().includes('tailing'), 10_000, 'the tail to subscribe');
    await waitFor(() => intake.hasSubscribers, 3_000, 'the app to notice the tail');
  };

  beforeAll(async () => {
    buildCli();
    app = await startApp('express', hostModule([webhookModule(prefix), flowsModule(prefix), monitoringModule(prefix)], [billingHandlers(state), ...opsFlows({ failCharge: false, calls: {} })]));
  }, 120_000);
  afterEach(() => {
    for (const running of tails.splice(0)) running.process.kill('SIGKILL');
  });
  afterAll(async () => {
    await app?.close();
    await deleteKeys(prefix);
  });

  it("prints a delivery's intake and handler execution lines while another process posts it; Ctrl+C exits 0", async () => {
    const running = tail();
    await ready(running);
    expect(running.stderr()).toBe(`tailing ${prefix}:monitoring:tail on redis://127.0.0.1:6379; Ctrl+C to stop\n`);
    const failing = `evt_tail_${Date.now()}`;
    state.failing.add('Billing.onPaid');
    expect(await deliver(app.url, 'invoice.paid', failing)).toBe(202);
    const lines = await waitFor(() => {
      const out = running.stdout().split('\n');
      const webhook = out.find((l) => /\bwebhook\s+billing\s+invoice\.paid\s+accepted 202\s+\d+(\.\d)? ms$/.test(l));
      const handler = out.find((l) => /\bhandler\s+billing\s+invoice\.paid Billing\.onPaid\s+dead #1: the ledger refused invoice/.test(l));
      return webhook !== undefined && handler !== undefined ? { webhook, handler } : undefined;
    }, 10_000, 'the intake and execution lines');
    expect(lines.webhook).toMatch(/^\d\d:\d\d:\d\d\.\d{3}  webhook  /);
    expect(running.stdout()).not.toContain(SECRET);
    running.process.kill('SIGINT');
    expect(await running.closed).toBe(0);
    await waitFor(() => !intake.hasSubscribers, 3_000, 'the app to stop publishing');
  });

  it('--source filters, --json prints what was published', async () => {
    state.failing.clear();
    const other = tail('--source', 'helpdesk');
    const json = tail('--json', '--source', 'billing');
    await ready(other);
    await ready(json);
    const id = `evt_json_${Date.now()}`;
    expect(await deliver(app.url, 'invoice.paid', id)).toBe(202);
    const completed = await waitFor(() => json.stdout().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { channel: string; message: { eventId?: string; outcome?: string } }).find((e) => e.channel === 'aiwire:webhook:execution' && e.message.eventId === id), 10_000, 'the JSON execution line');
    expect(completed.message.outcome).toBe('completed');
    await new Promise((r) => setTimeout(r, 300));
    expect(other.stdout()).toBe('');
  });

  it("prints a flow run's steps", async () => {
    const running = tail('--source', 'invoice');
    await ready(running);
    const runId = await app.app.get(FlowsService).start('invoice', { amount: 12 });
    await waitFor(() => /\bstep\s+invoice\s+receipt\s+completed\s+[\d.]+ ms$/m.test(running.stdout()), 10_000, 'the receipt step line');
    expect(running.stdout()).toMatch(/\bstep\s+invoice\s+charge\s+started/);
    expect(running.stdout()).toMatch(new RegExp(`\\bflow\\s+invoice\\s+${runId}\\s+completed`));
    expect(running.stdout()).not.toMatch(/\bwebhook\b/);
  });

  it('exits 1 with one line when Redis cannot be reached, 2 on bad usage; --help', async () => {
    const port = await freePort();
    const down = await cli(['tail', '--redis', `redis://:hunter2-secret@127.0.0.1:${port}`]);
    expect(down.code).toBe(1);
    expect(down.stderr).toBe(`aiwire tail: cannot reach Redis at redis://127.0.0.1:${port} (ECONNREFUSED): is it running? (--redis or REDIS_URL)\n`);
    expect(down.stderr).not.toContain('hunter2');
    const bad = await cli(['tail', 'billing']);
    expect(bad).toMatchObject({ code: 2, stderr: "aiwire tail: tail takes no arguments (got 'billing'); filter with --source <name>\n" });
    const badUrl = await cli(['tail', '--redis', 'http://127.0.0.1:6379']);
    expect(badUrl).toMatchObject({ code: 2, stderr: 'aiwire tail: --redis must start with redis:// or rediss://\n' });
    for (const result of [down, bad, badUrl]) expectOneLine(result);
    const help = await cli(['tail', '--help']);
    expect(help.code).toBe(0);
    for (const text of ['Usage: aiwire tail', '--source', '--json', '--prefix', 'Ctrl+C']) expect(help.stdout).toContain(text);
  });
});
