import { parseArgs } from 'node:util';
import { EXIT, type CliCommand, type CliIo, type ExitCode } from '../command.js';
import { CliUsageError } from '../errors.js';
import { painter, table } from '../output/style.js';
import { AdminClient } from '../admin/admin-client.js';
import { adminTarget } from '../admin/admin-target.js';
import { ADMIN_FLAGS, ADMIN_FLAGS_HELP, onePositional, subcommand, wholeNumber } from '../admin/admin-flags.js';
import type { DeadLetterPage } from '../admin/admin-views.js';
import { truncate, when } from '../admin/format.js';

const FILTER_FLAGS = { source: { type: 'string' }, type: { type: 'string' }, handler: { type: 'string' } } as const;
const LIST_FLAGS = { ...ADMIN_FLAGS, ...FILTER_FLAGS, limit: { type: 'string' }, offset: { type: 'string' } } as const;
const REPLAY_FLAGS = { ...ADMIN_FLAGS, ...FILTER_FLAGS, all: { type: 'boolean', default: false } } as const;
const SUBCOMMANDS = ['list', 'replay'] as const;

const HELP = `Usage: aiwire dead-letters list [--source <s>] [--type <t>] [--handler <Class.method>] [--limit N] [--offset N]
       aiwire dead-letters replay <id>
       aiwire dead-letters replay --all [--source <s>] [--type <t>] [--handler <Class.method>]

Lists the handler executions that failed for good (newest first) and replays them through a running
app's admin API (MonitoringModule admin + WebhookModule). A replay runs only the failed handler again,
with its full attempts.

Options:
${ADMIN_FLAGS_HELP}
  --source, --type, --handler   only the dead letters with this source, event type, handler
  --limit N         at most N (1-500, default 50); --offset N skips the first N
  --all             replay every dead letter matching the filters

Exit codes: 0 done, 1 the app refused or cannot be reached, 2 bad usage.
Example: AIWIRE_ADMIN_USER=ops AIWIRE_ADMIN_PASSWORD=… aiwire dead-letters list --url http://localhost:3000/admin --source stripe`;

/** `aiwire dead-letters list|replay`. */
export const deadLettersCommand: CliCommand = {
  name: 'dead-letters',
  summary: "list and replay a running app's dead letters (failed webhook handlers)",
  help: HELP,
  async run(args: readonly string[], io: CliIo): Promise<ExitCode> {
    const { name, rest } = subcommand('dead-letters', args, SUBCOMMANDS);
    return name === 'list' ? list(rest, io) : replay(rest, io);
  },
};

async function list(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args: [...args], options: LIST_FLAGS, strict: true, allowPositionals: true });
  if (positionals.length) throw new CliUsageError(`list takes no arguments (got '${positionals[0]}'); filter with --source, --type, --handler`);
  const client = new AdminClient(adminTarget(values, io.env));
  const page = await client.get<DeadLetterPage>('/dead-letters', {
    query: { source: values.source, type: values.type, handler: values.handler, limit: wholeNumber('limit', values.limit, 1, 500), offset: wholeNumber('offset', values.offset, 0, Number.MAX_SAFE_INTEGER) },
  });
  if (values.json) {
    io.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
    return EXIT.ok;
  }
  const paint = painter(io);
  if (page.deadLetters.length === 0) {
    io.stdout.write(`${page.total === 0 ? 'No dead letters.' : `No dead letters on this page (${page.total} in all; lower --offset).`}\n`);
    return EXIT.ok;
  }
  const rows = page.deadLetters.map((d) => [paint('bold', d.id), d.source, d.type, d.handler, String(d.attempts), when(d.failedAt), paint('red', truncate(d.error, 60))]);
  io.stdout.write(`${table(['ID', 'SOURCE', 'TYPE', 'HANDLER', 'ATTEMPTS', 'FAILED AT (UTC)', 'ERROR'], rows)}\n`);
  const shown = `${page.offset + 1}-${page.offset + page.deadLetters.length} of ${page.total}`;
  io.stdout.write(paint('dim', `${shown} dead letter(s). Replay one: aiwire dead-letters replay <id>; all shown: replay --all with the same filters.`) + '\n');
  return EXIT.ok;
}

async function replay(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args: [...args], options: REPLAY_FLAGS, strict: true, allowPositionals: true });
  const id = onePositional(positionals, 'dead letter id', 'aiwire dead-letters replay <id>');
  const filtered = values.source !== undefined || values.type !== undefined || values.handler !== undefined;
  if (id !== undefined && (values.all || filtered)) throw new CliUsageError('give either one <id> or --all with filters, not both');
  if (id === undefined && !values.all) throw new CliUsageError(`say which: aiwire dead-letters replay <id>, or replay --all [--source …]${filtered ? ' (filters need --all)' : ''}`);
  const client = new AdminClient(adminTarget(values, io.env));
  const paint = painter(io);
  if (id !== undefined) {
    const answer = await client.post<{ id: string; replayed: boolean }>(`/dead-letters/${encodeURIComponent(id)}/replay`, {
      notFound: `no dead letter has id '${id}': it was replayed or discarded already (aiwire dead-letters list)`,
    });
    io.stdout.write(values.json ? `${JSON.stringify(answer)}\n` : `${paint('green', 'replayed')} ${id}\n`);
    return EXIT.ok;
  }
  const filter = { source: values.source, type: values.type, handler: values.handler };
  const answer = await client.post<{ matched: number; replayed: number }>('/dead-letters/replay', { body: JSON.parse(JSON.stringify(filter)) as unknown });
  io.stdout.write(values.json ? `${JSON.stringify(answer)}\n` : `${paint('green', 'replayed')} ${answer.replayed} of ${answer.matched} matching dead letter(s)\n`);
  return EXIT.ok;
}
