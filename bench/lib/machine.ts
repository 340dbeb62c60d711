import { cpus, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';

/** What BENCHMARKS.md records about where a figure was measured. */
export function machine(): string {
  const redis = execFileSync('redis-server', ['--version'], { encoding: 'utf8' }).trim().split(' ')[2];
  return `${cpus().length}× ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, Redis ${redis}, ${new Date().toISOString().slice(0, 10)}`;
}
