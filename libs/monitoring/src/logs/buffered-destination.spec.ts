import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { BufferedDestination, type BatchTarget } from './buffered-destination.js';

class Target implements BatchTarget {
  readonly writes: string[] = [];
  synced = 0;
  write(batch: string): void {
    this.writes.push(batch);
  }
  flushSync(): void {
    this.synced++;
  }
}

describe('BufferedDestination', () => {
  it('writes the pending lines as one batch once they reach maxChars', () => {
    const target = new Target();
    const out = new BufferedDestination(target, { maxChars: 10, maxDelayMs: 60_000 });
    out.write('abc\n');
    out.write('def\n');
    expect(target.writes).toEqual([]);
    out.write('ghi\n');
    expect(target.writes).toEqual(['abc\ndef\nghi\n']);
    out.write('jkl\n');
    expect(target.writes).toHaveLength(1);
    out.flush();
  });

  it('writes a line that waited maxDelayMs, and flush() writes at once and calls back', async () => {
    const target = new Target();
    const out = new BufferedDestination(target, { maxChars: 4096, maxDelayMs: 20 });
    out.write('one\n');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(target.writes).toEqual(['one\n']);
    out.write('two\n');
    const done = await new Promise<unknown>((resolve) => out.flush(resolve));
    expect(done).toBeUndefined();
    expect(target.writes).toEqual(['one\n', 'two\n']);
    out.flushSync();
    expect([target.writes.length, target.synced]).toEqual([2, 1]);
  });

  it.each(['process.exit(3)', 'undefined'])('a process that exits (%s) writes every pending line first', (ending) => {
    const dir = mkdtempSync(join(tmpdir(), 'aiwire-buffered-'));
    try {
      const source = readFileSync(fileURLToPath(new URL('./buffered-destination.ts', import.meta.url)), 'utf8');
      writeFileSync(join(dir, 'buffered-destination.mjs'), ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2023 } }).outputText);
      const script = join(dir, 'child.mjs');
      writeFileSync(
        script,
        [
          "import { writeSync } from 'node:fs';",
          "import { BufferedDestination } from './buffered-destination.mjs';",
          'const out = new BufferedDestination({ write: (s) => writeSync(1, s), flushSync: () => {} }, { maxChars: 1 << 20, maxDelayMs: 600_000 });',
          "for (let i = 1; i <= 3; i++) out.write(`line ${i}\\n`);",
          `${ending};`,
        ].join('\n'),
      );
      let stdout: string;
      try {
        stdout = execFileSync(process.execPath, [script], { encoding: 'utf8' });
      } catch (error) {
        stdout = (error as { stdout: string; status: number }).stdout;
        expect((error as { status: number }).status).toBe(3);
      }
      expect(stdout).toBe('line 1\nline 2\nline 3\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
