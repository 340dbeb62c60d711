import { parseArgs } from 'node:util';
import { EXIT, type CliCommand, type CliIo, type ExitCode } from '../command.js';
import { CliUsageError } from '../errors.js';
import { nearest } from '../nearest.js';
import { painter, table } from '../output/style.js';
import { AdminClient } from '../admin/admin-client.js';
import { adminTarget } from '../admin/admin-target.js';
import { ADMIN_FLAGS, ADMIN_FLAGS_HELP, onePositional, subcommand, wholeNumber } from '../admin/admin-flags.js';
import type { FlowRunDetailItem, FlowRunPage } from '../admin/admin-views.js';
import { duration, truncate, when } from '../admin/format.js';
import { parseSince } from '../admin/since.js';
import { status, timeline, waitingText } from '../admin/run-timeline.js';

const STATUSES = ['queued', 'running', 'sleeping', 'waiting', 'completed', 'failed', 'cancelled'] as const;
const SUBCOMMANDS = ['list', 'show', 'replay', 'cancel'] as const;
const API = '/flows/api/runs';
const LIST_FLAGS = { ...ADMIN_FLAGS, flow: { type: 'string' }, status: { type: 'string' }, since: { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' } } as const;
const REPLAY_FLAGS = { ...ADMIN_FLAGS, 'from-step': { type: 'string' } } as const;

const HELP = `Usage: aiwire runs list [--flow <name>] [--status failed[,cancelled…]] [--since 1h] [--limit N] [--offset N]
       aiwire runs show <runId>
       aiwire runs replay <runId> [--from-step <stepId>]
       aiwire runs cancel <runId>

Flow runs of a running app (FlowsModule), through its admin API (MonitoringModule admin).
show prints the timeline: each step, its status, attempts, how long it took, its output (cut) or error,
and what a parked run waits for. replay re-runs a finished run from the failed step (or --from-step);
earlier steps are not repeated. cancel stops a run at its next step boundary (a parked run at once).

Options:
${ADMIN_FLAGS_HELP}
  --flow <name>     only runs of this flow
  --status <s>      ${STATUSES.join(', ')} (several: comma-separated)
  --since <when>    created since: 30m, 1h, 2d, 1w ago, or an ISO time
  --limit N         at most N (1-500, default 50); --offset N skips the first N
  --from-step <id>  replay from this step (it and every later step run again)

Exit codes: 0 done, 1 the app refused (unknown run, run still active, no FlowsModule) or cannot be reached, 2 bad usage.`;

/** `aiwire runs list|show|replay|cancel`. */
export const runsCommand: CliCommand = {
  name: 'runs',
  summary: "list, show, replay and cancel a running app's flow runs",
  help: HELP,
  async run(args: readonly string[], io: CliIo): Promise<ExitCode> {
    const { name, rest } = subcommand('runs', args, SUBCOMMANDS);
    if (name === 'list') return list(rest, io);
    const { values, positionals } = parseArgs({ args: [...rest], options: name === 'replay' ? REPLAY_FLAGS : ADMIN_FLAGS, strict: true, allowPositionals: true });
    const runId = onePositional(positionals, 'run id', `aiwire runs ${name} <runId>`);
    if (runId === undefined) throw new CliUsageError(`say which run: aiwire runs ${name} <runId> (ids: aiwire runs list)`);
    const client = new AdminClient(adminTarget(values, io.env));
    const path = `${API}/${encodeURIComponent(runId)}`;
    const notFound = `no run has id '${runId}': it never existed or its retention passed (aiwire runs list)`;
    const paint = painter(io);
    if (name === 'show') {
      const run = await client.get<FlowRunDetailItem>(path, { notFound });
      io.stdout.write(values.json ? `${JSON.stringify(run, null, 2)}\n` : `${timeline(run, paint)}\n`);
      return EXIT.ok;
    }
    if (name === 'replay') {
      const fromStep = (values as { 'from-step'?: string })['from-step'];
      const answer = await client.post<{ runId: string }>(`${path}/replay`, { body: fromStep === undefined ? {} : { fromStep }, notFound });
      io.stdout.write(values.json ? `${JSON.stringify(answer)}\n` : `${paint('green', 'replaying')} ${answer.runId ?? runId}${fromStep ? ` from step '${fromStep}'` : ''} (follow it: aiwire runs show ${answer.runId ?? runId})\n`);
      return EXIT.ok;
    }
    const answer = await client.post<{ cancelled: boolean }>(`${path}/cancel`, { notFound });
    if (values.json) io.stdout.write(`${JSON.stringify(answer)}\n`);
    else io.stdout.write(answer.cancelled ? `${paint('green', 'cancelled')} ${runId}\n` : `${runId} was not active: nothing to cancel\n`);
    return EXIT.ok;
  },
};

async function list(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args: [...args], options: LIST_FLAGS, strict: true, allowPositionals: true });
  if (positionals.length) throw new CliUsageError(`list takes no arguments (got '${positionals[0]}'); filter with --flow, --status, --since`);
  const statuses = values.status?.split(',').map((s) => s.trim());
  for (const s of statuses ?? []) {
    if ((STATUSES as readonly string[]).includes(s)) continue;
    const guess = nearest(s, STATUSES);
    throw new CliUsageError(`unknown status '${s}'${guess ? ` (did you mean '${guess}'?)` : ''}; statuses: ${STATUSES.join(', ')}`);
  }
  const query = {
    flow: values.flow,
    status: statuses?.join(','),
    since: parseSince(values.since),
    limit: wholeNumber('limit', values.limit, 1, 500),
    offset: wholeNumber('offset', values.offset, 0, Number.MAX_SAFE_INTEGER),
  };
  const client = new AdminClient(adminTarget(values, io.env));
  const page = await client.get<FlowRunPage>(API, { query });
  if (values.json) {
    io.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
    return EXIT.ok;
  }
  const paint = painter(io);
  if (page.runs.length === 0) {
    io.stdout.write(`${page.total === 0 ? 'No runs.' : `No runs on this page (${page.total} in all; lower --offset).`}\n`);
    return EXIT.ok;
  }
  const rows = page.runs.map((r) => [paint('bold', r.id), r.flow, status(paint, r.status), when(r.createdAt), duration(r.durationMs), note(r, paint)]);
  io.stdout.write(`${table(['RUN', 'FLOW', 'STATUS', 'CREATED (UTC)', 'TOOK', 'NOTE'], rows)}\n`);
  io.stdout.write(paint('dim', `${page.runs.length} of ${page.total} run(s). The timeline of one: aiwire runs show <runId>`) + '\n');
  return EXIT.ok;
}

function note(run: FlowRunPage['runs'][number], paint: (c: 'red', t: string) => string): string {
  if (run.error) return paint('red', truncate(`${run.error.step ? `step '${run.error.step}': ` : ''}${run.error.message}`, 60));
  return run.waitingFor ? `waits for ${waitingText(run.waitingFor)}` : '';
}
