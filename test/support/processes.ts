import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import ts from 'typescript';

/**
 * Child processes run what users run: plain Node on the built packages. A fixture is a small
 * TypeScript program importing `@aiwire/*` by package name; it is transpiled next to itself into
 * `.tmp/` (so Node resolves the workspace packages) and the packages it uses are built first.
 */
export function compileFixture(fixturePath: string, packages: readonly string[]): string {
  for (const pkg of packages) execFileSync('npx', ['tsc', '-b', `libs/${pkg}/tsconfig.lib.json`], { stdio: 'inherit' });
  const out = join(dirname(fixturePath), '.tmp', basename(fixturePath).replace(/\.ts$/, '.mjs'));
  const { outputText } = ts.transpileModule(readFileSync(fixturePath, 'utf8'), {
    fileName: fixturePath,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2023,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
    },
  });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, outputText);
  return out;
}

export interface ChildApp {
  readonly process: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node script` with `env`; its stdout and stderr are kept for assertions and failures. */
export function startChild(script: string, env: Record<string, string>): ChildApp {
  const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { process: child, output: () => output, exited };
}
