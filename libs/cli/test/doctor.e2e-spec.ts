import { startApp, type RunningApp } from '../../../test/support/http-app.js';
import { REDIS_URL, deleteKeys, freePort, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { billingHandlers, deliver, hostModule, monitoringModule, webhookModule, type Handlers } from './fixtures/ops-app.js';
import { buildCli, cli, expectOneLine } from './fixtures/ops-cli.js';
import { FlowsService } from '@aiwire/flows';
import { flowsModule, opsFlows } from './fixtures/ops-flows.js';

interface Report {
  ok: boolean;
  checks: Array<{ check: string; status: string; detail: string }>;
}

describe('aiwire doctor', () => {
  const prefix = uniquePrefix('cli-doctor');
  const state: Handlers = { failing: new Set(['Billing.onPaid']), runs: [] };
  let app: RunningApp;

  beforeAll(async () => {
    buildCli();
    app = await startApp('express', hostModule([webhookModule(prefix), flowsModule(prefix), monitoringModule(prefix)], [billingHandlers(state), ...opsFlows({ failCharge: false, calls: {} })]));
    expect(await deliver(app.url, 'invoice.paid', `evt_doctor_${Date.now()}`)).toBe(202);
    await waitFor(() => state.runs.length === 1, 10_000, 'the failing execution');
    const flows = app.app.get(FlowsService);
    const runId = await flows.start('invoice', { amount: 1 });
    await waitFor(async () => (await flows.get(runId))?.status === 'completed', 10_000, 'the run to complete');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await deleteKeys(prefix);
  });

  it("passes against the app and its Redis: one line per check, the app's queues with their counts", async () => {
    const result = await cli(['doctor', '--url', app.url, '--queue-prefix', prefix], { REDIS_URL });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^STATUS\s+CHECK\s+DETAIL$/);
    expect(lines, result.stdout).toEqual(expect.arrayContaining([
      expect.stringMatching(/^ok\s+redis\s+reachable at redis:\/\/127\.0\.0\.1:6379 \(\d+ ms\)$/),
      expect.stringMatching(/^ok\s+version\s+Redis \d+\.\d+\.\d+$/),
      expect.stringMatching(/^ok\s+mode\s+single \(not a cluster\)$/),
      expect.stringMatching(/^(ok|warn)\s+maxmemory-policy\s+/),
      // The Bull job of a run that just completed may still be active for a moment.
      expect.stringMatching(new RegExp(`^ok\\s+queue ${prefix}:flows\\s+waiting \\d+ · active \\d+ · delayed \\d+ · failed 0$`)),
      expect.stringMatching(new RegExp(`^warn\\s+queue ${prefix}:webhooks\\s+waiting 0 · active 0 · delayed 0 · failed 1 \\(dead letters: aiwire dead-letters list\\)$`)),
      expect.stringMatching(new RegExp(`^ok\\s+app\\s+${app.url}/health/ready: ready \\(redis, queues, deadLetters(, circuits)? up\\)$`)),
    ]));
    const json = await cli(['doctor', '--json', '--queue-prefix', prefix], { REDIS_URL, AIWIRE_URL: `${app.url}/admin` });
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as Report;
    expect(report.ok).toBe(true);
    expect(report.checks.find((c) => c.check === 'app')).toMatchObject({ status: 'ok' });
  });

  it('fails (exit 1) on an unreachable Redis, an unreachable app, an app without health', async () => {
    const port = await freePort();
    const noRedis = await cli(['doctor', '--redis', `redis://:pw-never-shown@127.0.0.1:${port}`, '--url', app.url]);
    expect(noRedis.code).toBe(1);
    expect(noRedis.stdout).toMatch(new RegExp(`^fail\\s+redis\\s+cannot reach Redis at redis://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`, 'm'));
    expect(noRedis.stdout).toMatch(/^ok\s+app\s+/m);
    expect(noRedis.stdout + noRedis.stderr).not.toContain('pw-never-shown');

    const noApp = await cli(['doctor', '--url', `http://127.0.0.1:${port}`], { REDIS_URL });
    expect(noApp.code).toBe(1);
    expect(noApp.stdout).toMatch(new RegExp(`^fail\\s+app\\s+cannot reach http://127\\.0\\.0\\.1:${port}/health/ready \\(ECONNREFUSED\\)`, 'm'));

    const noHealth = await cli(['doctor', '--url', app.url, '--health-path', '/healthz'], { REDIS_URL });
    expect(noHealth.code).toBe(1);
    expect(noHealth.stdout).toMatch(/^fail\s+app\s+.*\/healthz\/ready answered 404: turn on MonitoringModule health/m);
    for (const result of [noRedis, noApp, noHealth]) expect(result.stderr).toBe('');
  });

  it('exits 2 with one line on bad usage; --help', async () => {
    for (const [args, message] of [
      [['doctor', 'now'], "doctor takes no arguments (got 'now')"],
      [['doctor', '--url', 'localhost'], '--url is not an http(s) URL'],
      [['doctor', '--redis', 'localhost:6379'], '--redis must start with redis:// or rediss://'],
      [['doctor', '--health-path', 'health'], "--health-path must start with '/'"],
    ] as const) {
      const result = await cli(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
      expectOneLine(result);
    }
    const help = await cli(['doctor', '--help']);
    expect(help.code).toBe(0);
    for (const text of ['Usage: aiwire doctor', 'maxmemory-policy', 'noeviction', '--queue-prefix', '--json', 'Exit codes']) expect(help.stdout).toContain(text);
  });
});
