import { Redis } from 'ioredis';
import { FlowsService, type FlowRunStatus } from '@aiwire/flows';
import { startApp, type RunningApp } from '../../../test/support/http-app.js';
import { REDIS_URL, deleteKeys, freePort, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { ADMIN, CREDENTIALS, hostModule, monitoringModule, webhookModule } from './fixtures/ops-app.js';
import { buildCli, cli, expectOneLine } from './fixtures/ops-cli.js';
import { flowsModule, opsFlows, type FlowControl } from './fixtures/ops-flows.js';

describe('aiwire runs', () => {
  const prefix = uniquePrefix('cli-runs');
  const control: FlowControl = { failCharge: true, calls: {} };
  let app: RunningApp;
  let bare: RunningApp;
  let flows: FlowsService;
  let failed = '';
  let waiting = '';
  const env = () => ({ ...CREDENTIALS, AIWIRE_URL: app.url });
  const statusOf = async (runId: string, wanted: FlowRunStatus): Promise<void> => {
    let last: string | undefined;
    await waitFor(async () => (last = (await flows.get(runId))?.status) === wanted, 10_000, `run ${runId} ${wanted}`).catch((error: Error) => {
      throw new Error(`${error.message} (it is ${last})`);
    });
  };

  const redis = new Redis(REDIS_URL);

  beforeAll(async () => {
    buildCli();
    app = await startApp('express', hostModule([webhookModule(prefix), flowsModule(prefix), monitoringModule(prefix)], opsFlows(control)));
    bare = await startApp('express', hostModule([monitoringModule(`${prefix}-bare`)]));
    flows = app.app.get(FlowsService);
    failed = await flows.start('invoice', { amount: 837 });
    waiting = await flows.start('reminder', { customer: 'c-42' });
    await statusOf(failed, 'failed');
    await statusOf(waiting, 'waiting');
  }, 120_000);
  afterAll(async () => {
    redis.disconnect();
    await app?.close();
    await bare?.close();
    await deleteKeys(prefix);
    await deleteKeys(`${prefix}-bare`);
  });

  it('lists runs newest first as a table, filtered by --flow, --status and --since; --json for scripts', async () => {
    const all = await cli(['runs', 'list'], env());
    expect(all.code, all.stderr).toBe(0);
    const [header, ...rows] = all.stdout.trim().split('\n');
    expect(header).toMatch(/^RUN\s+FLOW\s+STATUS\s+CREATED \(UTC\)\s+TOOK\s+NOTE$/);
    expect(rows.find((r) => r.startsWith(failed))).toMatch(/invoice\s+failed\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+[\d.]+ m?s\s+step 'charge': card declined by the test bank/);
    expect(rows.find((r) => r.startsWith(waiting))).toMatch(/reminder\s+waiting\s+.*waits for event 'customer\.replied' where customer = "?c-42"?/);
    expect(rows.findIndex((r) => r.startsWith(waiting))).toBeLessThan(rows.findIndex((r) => r.startsWith(failed)));

    const onlyFailed = await cli(['runs', 'list', '--status', 'failed', '--flow', 'invoice', '--since', '1h', '--json'], env());
    expect(onlyFailed.code, onlyFailed.stderr).toBe(0);
    const page = JSON.parse(onlyFailed.stdout) as { total: number; runs: Array<{ id: string; status: string }> };
    expect(page.runs.map((r) => r.id)).toContain(failed);
    expect(page.runs.every((r) => r.status === 'failed')).toBe(true);
    const future = await cli(['runs', 'list', '--since', '2999-01-01T00:00:00Z'], env());
    expect(future).toMatchObject({ code: 0, stdout: 'No runs.\n' });
  });

  it("shows a run's timeline: each step, status, attempts, duration, output or error, and what it waits for", async () => {
    const shown = await cli(['runs', 'show', failed], env());
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/^Run\s+\S+\nFlow\s+invoice\nStatus\s+failed\n/);
    expect(shown.stdout).toMatch(/Error\s+\w*Error: .*card declined by the test bank.* \(step 'charge'\)/);
    expect(shown.stdout).toMatch(/#\s+STEP\s+KIND\s+STATUS\s+ATTEMPTS\s+TOOK\s+RESULT/);
    expect(shown.stdout).toMatch(/1\s+reserve\s+step\s+completed\s+1\s+\d+ ms\s+\{"reserved":837,"n":1\}/);
    expect(shown.stdout).toMatch(/2\s+charge\s+step\s+failed\s+1\s+\d+ ms\s+\w+: card declined by the test bank/);
    expect(shown.stdout).not.toMatch(/receipt/);
    const parked = await cli(['runs', 'show', waiting], env());
    expect(parked.stdout).toMatch(/Status\s+waiting — waits for event 'customer\.replied' where customer = "?c-42"? until \d{4}/);
    expect(parked.stdout).toMatch(/2\s+reply\s+wait\s+waiting\s+1\s+.*waits until/);
    const json = JSON.parse((await cli(['runs', 'show', waiting, '--json'], env())).stdout) as { id: string; steps: unknown[] };
    expect(json).toMatchObject({ id: waiting, steps: [expect.objectContaining({ id: 'note' }), expect.objectContaining({ id: 'reply' })] });
  });

  it('replays a failed run from the failed step (earlier steps not repeated), and from a chosen step', async () => {
    control.failCharge = false;
    const replayed = await cli(['runs', 'replay', failed], env());
    expect(replayed, replayed.stderr).toMatchObject({ code: 0, stdout: `replaying ${failed} (follow it: aiwire runs show ${failed})\n` });
    await statusOf(failed, 'completed');
    expect(control.calls[`reserve:${failed}`]).toBe(1);
    expect(control.calls[`charge:${failed}`]).toBe(2);

    const fromReceipt = await cli(['runs', 'replay', failed, '--from-step', 'receipt', '--json'], env());
    expect(fromReceipt.code, fromReceipt.stderr).toBe(0);
    expect(JSON.parse(fromReceipt.stdout)).toEqual({ runId: failed });
    await waitFor(() => control.calls[`receipt:${failed}`] === 2, 10_000, 'the receipt step again');
    expect(control.calls[`charge:${failed}`]).toBe(2);
  });

  it('cancels a parked run; a second cancel says it was not active', async () => {
    const run = await flows.start('reminder', { customer: 'c-cancel' });
    await statusOf(run, 'waiting');
    // Parked and its execution ended (lock released): cancelled at once rather than at a next step.
    await waitFor(async () => (await redis.exists(`${prefix}:flows:run:{${run}}:lock`)) === 0, 5_000, 'the execution to end');
    const cancelled = await cli(['runs', 'cancel', run], env());
    expect(cancelled).toMatchObject({ code: 0, stdout: `cancelled ${run}\n` });
    await statusOf(run, 'cancelled');
    const again = await cli(['runs', 'cancel', run, '--json'], env());
    expect(again).toMatchObject({ code: 0, stdout: '{"cancelled":false}\n' });
  });

  it('exits 1 with one line when the app refuses: unknown run, unknown step, a run still active, no FlowsModule, bad credentials', async () => {
    const cases: Array<[string[], Record<string, string>, string | RegExp]> = [
      [['runs', 'show', 'no-such-run'], env(), "aiwire runs: no run has id 'no-such-run': it never existed or its retention passed (aiwire runs list)\n"],
      [['runs', 'cancel', 'no-such-run'], env(), /no run has id 'no-such-run'/],
      [['runs', 'replay', failed, '--from-step', 'nope'], env(), /^aiwire runs: the app answered 400: .*nope/],
      [['runs', 'replay', waiting], env(), /^aiwire runs: the app answered 409: /],
      [['runs', 'list', '--url', bare.url], CREDENTIALS, /^aiwire runs: the app cannot answer this \(501\): The run view needs FlowsModule/],
      [['runs', 'list'], { ...env(), AIWIRE_ADMIN_PASSWORD: 'wrong-one' }, 'aiwire runs: the admin refused the credentials: set AIWIRE_ADMIN_USER/AIWIRE_ADMIN_PASSWORD\n'],
    ];
    for (const [args, environment, expected] of cases) {
      const result = await cli(args, environment);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(1);
      if (typeof expected === 'string') expect(result.stderr).toBe(expected);
      else expect(result.stderr).toMatch(expected);
      expectOneLine(result);
      expect(result.stderr + result.stdout).not.toContain(ADMIN.password);
    }
  });

  it('exits 2 with one line on bad usage; --help', async () => {
    const cases: Array<[string[], string]> = [
      [['runs', 'lsit'], "unknown subcommand 'lsit' (did you mean 'list'?); subcommands: list, show, replay, cancel"],
      [['runs', 'show'], 'say which run: aiwire runs show <runId> (ids: aiwire runs list)'],
      [['runs', 'list', '--since', 'yesterday'], "--since 'yesterday' is neither a duration (30s, 15m, 1h, 2d, 1w) nor an ISO time"],
      [['runs', 'list', '--status', 'faild'], "unknown status 'faild' (did you mean 'failed'?)"],
      [['runs', 'list', '--limit', '501'], '--limit must be a whole number from 1 to 500'],
      [['runs', 'show', 'a', 'b'], 'one run id at a time; got 2'],
      [['runs', 'cancel', 'x', '--from-step', 'y'], "Unknown option '--from-step'"],
    ];
    for (const [args, message] of cases) {
      const result = await cli(args, { AIWIRE_URL: 'http://127.0.0.1:1' });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
      expectOneLine(result);
    }
    const missingUrl = await cli(['runs', 'list']);
    expect(missingUrl).toMatchObject({ code: 2, stderr: "aiwire runs: give the app's admin URL: --url http://localhost:3000/admin (or set AIWIRE_URL)\n" });
    const port = await freePort();
    const down = await cli(['runs', 'list'], { AIWIRE_URL: `http://127.0.0.1:${port}` });
    expect(down).toMatchObject({ code: 1, stderr: `aiwire runs: cannot reach http://127.0.0.1:${port}/admin (ECONNREFUSED): is the app running there?\n` });
    const help = await cli(['runs', '--help']);
    expect(help.code).toBe(0);
    for (const text of ['Usage: aiwire runs list', 'show <runId>', 'replay <runId> [--from-step <stepId>]', 'cancel <runId>', '--since', 'Exit codes']) expect(help.stdout).toContain(text);
  });
});
