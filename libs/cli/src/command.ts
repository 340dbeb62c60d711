import type { Readable, Writable } from 'node:stream';

/** Where a command reads and writes: the process's streams in `main.ts`, buffers in tests. */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Exit codes that mean something: 0 ok, 1 the app (or Redis) refused or failed, 2 usage (bad flags, unknown provider, bad file). */
export const EXIT = { ok: 0, refused: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** One `aiwire <name>` command. */
export interface CliCommand {
  readonly name: string;
  /** One line for `aiwire --help`. */
  readonly summary: string;
  /** The whole `aiwire <name> --help` text. */
  readonly help: string;
  /** Runs with the arguments after the command name; resolves to the exit code. Throws `CliUsageError` / `CliRefusedError` for one-line errors. */
  run(args: readonly string[], io: CliIo): Promise<ExitCode>;
}
