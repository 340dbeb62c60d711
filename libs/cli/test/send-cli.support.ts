import { execFile, execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The bin users run: `npx aiwire` is `node libs/cli/dist/main.js`. */
export const MAIN = `${ROOT}libs/cli/dist/main.js`;

/** Builds @aiwire/cli and what it imports (incremental: quick when nothing changed). */
export function buildCli(): void {
  execFileSync('npx', ['tsc', '-b', 'libs/cli/tsconfig.lib.json'], { cwd: ROOT, stdio: 'inherit' });
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `aiwire …args` as a child process, with `stdin` piped when given; never throws for a non-zero exit. */
export function runCli(args: readonly string[], options: { env?: Record<string, string>; stdin?: string; cwd?: string } = {}): Promise<CliResult> {
  const env = { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...options.env };
  if (options.stdin === undefined) {
    return new Promise((resolve) => {
      const child = execFile(process.execPath, [MAIN, ...args], { env, cwd: options.cwd ?? ROOT, timeout: 30_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
      );
      child.stdin?.end();
    });
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env, cwd: options.cwd ?? ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin);
  });
}

/** The lines of `--json` output, parsed. */
export const jsonLines = (stdout: string): Record<string, unknown>[] =>
  stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);

/** A one-line error on stderr, nothing on stdout, no stack trace, and never the secret. */
export function expectOneLineError(result: CliResult, code: number, pattern: RegExp, secret?: string): void {
  expect(result.code).toBe(code);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at |Error:/);
  expect(result.stdout).toBe('');
  if (secret !== undefined) expect(result.stderr).not.toContain(secret);
}
