/** @publicApi Runs one `aiwire` command line against the given streams (what the `aiwire` bin does), resolving to the exit code. */
export { run } from './run.js';
/** @publicApi */
export type { CliIo, CliCommand, ExitCode } from './command.js';
export { EXIT } from './command.js';
/** @publicApi */
export { CliUsageError, CliRefusedError } from './errors.js';
