import { EXIT, type CliIo, type ExitCode } from './command.js';
import { COMMANDS } from './commands/index.js';
import { CliRefusedError, CliUsageError } from './errors.js';
import { nearest } from './nearest.js';

const USAGE = 'Usage: aiwire <command> [options]   (aiwire <command> --help for one command)';

/** Runs one command line; every failure is one line on stderr and an exit code, never a stack trace. */
export async function run(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${USAGE}\n\nCommands:\n${COMMANDS.map((c) => `  ${c.name.padEnd(14)}${c.summary}`).join('\n')}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const guess = nearest(name, COMMANDS.map((c) => c.name));
    io.stderr.write(`aiwire: unknown command '${name}'${guess ? ` (did you mean '${guess}'?)` : ''}; commands: ${COMMANDS.map((c) => c.name).join(', ')}\n`);
    return EXIT.usage;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${command.help.trimEnd()}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof CliUsageError) return fail(io, name, error.message, EXIT.usage);
    if (error instanceof CliRefusedError) return fail(io, name, error.message, EXIT.refused);
    // Node's own argument errors (util.parseArgs) are usage errors too.
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) return fail(io, name, (error as Error).message, EXIT.usage);
    return fail(io, name, error instanceof Error ? error.message : String(error), EXIT.refused);
  }
}

function fail(io: CliIo, command: string, message: string, code: ExitCode): ExitCode {
  io.stderr.write(`aiwire ${command}: ${message.split('\n')[0]}\n`);
  return code;
}
