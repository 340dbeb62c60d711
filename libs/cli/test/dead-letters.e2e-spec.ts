import { startApp, type RunningApp } from '../../../test/support/http-app.js';
import { deleteKeys, freePort, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { ADMIN, CREDENTIALS, billingHandlers, deliver, hostModule, monitoringModule, webhookModule, type Handlers } from './fixtures/ops-app.js';
import { buildCli, cli, expectOneLine } from './fixtures/ops-cli.js';

describe('aiwire dead-letters', () => {
  const prefix = uniquePrefix('cli-dead-letters');
  const state: Handlers = { failing: new Set(['Billing.onPaid']), runs: [] };
  let app: RunningApp;
  let bare: RunningApp;
  let n = 0;
  const nextId = () => `evt_dl_${++n}_${Date.now()}`;
  const withAdmin = () => ({ ...CREDENTIALS, AIWIRE_URL: `${app.url}/admin` });
  const listJson = async (...filters: string[]) => {
    const result = await cli(['dead-letters', 'list', '--json', '--limit', '500', ...filters], withAdmin());
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as { total: number; deadLetters: Array<{ id: string; eventId: string; handler: string; source: string }> };
  };
  const deadLetterOf = async (eventId: string) => {
    expect(await deliver(app.url, 'invoice.paid', eventId)).toBe(202);
    return waitFor(async () => (await listJson()).deadLetters.find((d) => d.eventId === eventId), 10_000, `dead letter of ${eventId}`);
  };

  beforeAll(async () => {
    buildCli();
    app = await startApp('express', hostModule([webhookModule(prefix), monitoringModule(prefix)], [billingHandlers(state)]));
    bare = await startApp('express', hostModule([monitoringModule(`${prefix}-bare`)]));
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await bare?.close();
    await deleteKeys(prefix);
    await deleteKeys(`${prefix}-bare`);
  });

  it('lists dead letters as an aligned table, and as JSON with --json', async () => {
    const letter = await deadLetterOf(nextId());
    const result = await cli(['dead-letters', 'list', '--url', `${app.url}/admin`, '--source', 'billing'], CREDENTIALS);
    expect(result.code, result.stderr).toBe(0);
    const [header, ...rows] = result.stdout.trim().split('\n');
    expect(header).toMatch(/^ID\s+SOURCE\s+TYPE\s+HANDLER\s+ATTEMPTS\s+FAILED AT \(UTC\)\s+ERROR$/);
    const row = rows.find((r) => r.startsWith(letter.id));
    expect(row).toMatch(/billing\s+invoice\.paid\s+Billing\.onPaid\s+1\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+the ledger refused invoice/);
    // Columns line up: every row's SOURCE starts where the header's does.
    expect(row!.indexOf(' billing') + 1).toBe(header!.indexOf('SOURCE'));
    expect(result.stdout).not.toContain('\u001b[');
    // Colours only when asked (not a TTY here): FORCE_COLOR paints, NO_COLOR wins over it.
    const painted = await cli(['dead-letters', 'list', '--source', 'billing'], { ...withAdmin(), NO_COLOR: '', FORCE_COLOR: '1' });
    expect(painted.stdout).toContain(`\u001b[1m${letter.id}\u001b[0m`);
    expect(painted.stdout.split('\n')[0]).toBe(header);
    expect((await cli(['dead-letters', 'list', '--source', 'billing'], { ...withAdmin(), NO_COLOR: '1', FORCE_COLOR: '1' })).stdout).not.toContain('\u001b[');
    expect((await listJson('--handler', 'Billing.onPaid')).deadLetters.map((d) => d.id)).toContain(letter.id);
  });

  it('takes the app URL too (then /admin), filters, and says when nothing matches', async () => {
    const result = await cli(['dead-letters', 'list', '--url', app.url, '--type', 'no.such.type'], CREDENTIALS);
    expect(result).toMatchObject({ code: 0, stdout: 'No dead letters.\n' });
  });

  it('replays one dead letter: only the failed handler runs again, and it leaves the list', async () => {
    const letter = await deadLetterOf(nextId());
    state.failing.delete('Billing.onPaid');
    try {
      const result = await cli(['dead-letters', 'replay', letter.id], withAdmin());
      expect(result, result.stderr).toMatchObject({ code: 0, stdout: `replayed ${letter.id}\n` });
      await waitFor(() => state.runs.filter((r) => r.eventId === letter.eventId).length === 2, 10_000, 'the replayed execution');
      await waitFor(async () => !(await listJson()).deadLetters.some((d) => d.id === letter.id), 10_000, 'the dead letter to go');
    } finally {
      state.failing.add('Billing.onPaid');
    }
  });

  it('replays every dead letter matching --all and the filters', async () => {
    await deadLetterOf(nextId());
    await deadLetterOf(nextId());
    const before = (await listJson('--source', 'billing')).total;
    state.failing.delete('Billing.onPaid');
    try {
      const result = await cli(['dead-letters', 'replay', '--all', '--source', 'billing', '--json'], withAdmin());
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ matched: before, replayed: before });
      await waitFor(async () => (await listJson('--source', 'billing')).total === 0, 10_000, 'no dead letters left');
    } finally {
      state.failing.add('Billing.onPaid');
    }
  });

  it('exits 1 with one line for an unknown id, wrong credentials, no credentials, an app without WebhookModule, an unreachable app', async () => {
    const unknown = await cli(['dead-letters', 'replay', 'no-such-id'], withAdmin());
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe("aiwire dead-letters: no dead letter has id 'no-such-id': it was replayed or discarded already (aiwire dead-letters list)\n");

    const wrong = await cli(['dead-letters', 'list'], { ...withAdmin(), AIWIRE_ADMIN_PASSWORD: 'not-the-password' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe('aiwire dead-letters: the admin refused the credentials: set AIWIRE_ADMIN_USER/AIWIRE_ADMIN_PASSWORD\n');
    expect(wrong.stderr + wrong.stdout).not.toContain('not-the-password');

    const none = await cli(['dead-letters', 'list', '--url', app.url]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('the admin refused the credentials');

    const noWebhooks = await cli(['dead-letters', 'list', '--url', bare.url], CREDENTIALS);
    expect(noWebhooks.code).toBe(1);
    expect(noWebhooks.stderr).toMatch(/^aiwire dead-letters: the app cannot answer this \(501\): The dead-letter API needs WebhookModule/);

    const port = await freePort();
    const down = await cli(['dead-letters', 'list', '--url', `http://127.0.0.1:${port}`], CREDENTIALS);
    expect(down.code).toBe(1);
    expect(down.stderr).toBe(`aiwire dead-letters: cannot reach http://127.0.0.1:${port}/admin (ECONNREFUSED): is the app running there?\n`);

    const wrongPath = await cli(['dead-letters', 'list', '--url', `${app.url}/not-admin`], CREDENTIALS);
    expect(wrongPath.code).toBe(1);
    expect(wrongPath.stderr).toContain('answered 404: is the admin mounted there?');
    for (const result of [unknown, wrong, none, noWebhooks, down, wrongPath]) {
      expectOneLine(result);
      expect(result.stdout + result.stderr).not.toContain(ADMIN.password);
    }
  });

  it('exits 2 with one line on bad usage', async () => {
    const cases: Array<[string[], Record<string, string>, string]> = [
      [['dead-letters', 'lst'], {}, "unknown subcommand 'lst' (did you mean 'list'?); subcommands: list, replay"],
      [['dead-letters'], {}, 'say what to do: aiwire dead-letters list|replay'],
      [['dead-letters', 'list'], CREDENTIALS, "give the app's admin URL: --url http://localhost:3000/admin (or set AIWIRE_URL)"],
      [['dead-letters', 'list', '--url', 'localhost:3000'], CREDENTIALS, '--url is not an http(s) URL'],
      [['dead-letters', 'list', '--url', `http://ops:${ADMIN.password}@127.0.0.1:1/admin`], {}, 'put the admin credentials in AIWIRE_ADMIN_USER and AIWIRE_ADMIN_PASSWORD, not in the URL'],
      [['dead-letters', 'list', '--url', 'http://127.0.0.1:1', '--user', 'ops'], {}, 'AIWIRE_ADMIN_PASSWORD is not set'],
      [['dead-letters', 'list', '--url', 'http://127.0.0.1:1', '--limit', '0'], {}, '--limit must be a whole number from 1 to 500'],
      [['dead-letters', 'list', '--url', 'http://127.0.0.1:1', '--sauce', 'billing'], {}, "Unknown option '--sauce'"],
      [['dead-letters', 'replay', '--url', 'http://127.0.0.1:1'], {}, 'say which: aiwire dead-letters replay <id>, or replay --all'],
      [['dead-letters', 'replay', 'abc', '--all', '--url', 'http://127.0.0.1:1'], {}, 'give either one <id> or --all with filters, not both'],
    ];
    for (const [args, env, message] of cases) {
      const result = await cli(args, env);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toContain(message);
      expect(result.stderr).toMatch(/^aiwire dead-letters: /);
      expectOneLine(result);
      expect(result.stderr).not.toContain(ADMIN.password);
    }
    const typo = await cli(['dead-leters', 'list']);
    expect(typo).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown command 'dead-leters' (did you mean 'dead-letters'?)") });
  });

  it('--help explains the subcommands, flags and exit codes', async () => {
    const result = await cli(['dead-letters', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: aiwire dead-letters list/);
    for (const text of ['replay <id>', 'replay --all', '--url', 'AIWIRE_ADMIN_PASSWORD', '--json', 'Exit codes']) expect(result.stdout).toContain(text);
    expect((await cli(['--help'])).stdout).toMatch(/dead-letters\s+list and replay/);
  });
});
