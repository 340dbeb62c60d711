// Overhead of a connector call over a bare fetch to the same local server, p50 and p99.
// Build first: npx tsc -b libs/connectors/tsconfig.lib.json
// Run:         node bench/connectors/overhead.mjs            (RUNS=5 CALLS=20000 by default)
// The server runs pinned to CPU 1 and each client run to CPU 0 when `taskset` exists.
import { execFileSync, spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const runs = Number(process.env.RUNS ?? 5);
const hasTaskset = (() => {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return cpus().length > 1;
  } catch {
    return false;
  }
})();
const pinned = (cpu, args) => (hasTaskset ? ['taskset', ['-c', String(cpu), process.execPath, ...args]] : [process.execPath, args]);

const [serverCmd, serverArgs] = pinned(1, [`${here}server.mjs`]);
const server = spawn(serverCmd, serverArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((resolve) => server.stdout.once('data', (d) => resolve(Number(String(d).trim()))));

const perRun = [];
for (let run = 1; run <= runs; run++) {
  const [cmd, args] = pinned(0, [`${here}client.mjs`, String(port)]);
  // The client lives in the connectors package so that `@aiwire/connectors` resolves to its dist.
  const out = execFileSync(cmd, args, { cwd: `${here}../../libs/connectors`, env: process.env, maxBuffer: 1 << 20 }).toString();
  const parsed = JSON.parse(out);
  perRun.push(parsed);
  process.stderr.write(`run ${run}/${runs} done (load ${parsed.load.map((l) => l.toFixed(2)).join(' → ')})\n`);
}
server.kill('SIGTERM');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const names = Object.keys(perRun[0].result);
const base = 'fetch (baseline)';
const transport = 'undici.request (same transport)';
const rows = names.map((name) => {
  const p50 = perRun.map((r) => r.result[name].p50);
  const p99 = perRun.map((r) => r.result[name].p99);
  const add50 = perRun.map((r) => r.result[name].p50 - r.result[base].p50);
  const add99 = perRun.map((r) => r.result[name].p99 - r.result[base].p99);
  const overTransport50 = perRun.map((r) => r.result[name].p50 - r.result[transport].p50);
  const overTransport99 = perRun.map((r) => r.result[name].p99 - r.result[transport].p99);
  return {
    name, p50: median(p50), p99: median(p99), add50: median(add50), add99: median(add99),
    over50: median(overTransport50), over99: median(overTransport99), spread50: [Math.min(...p50), Math.max(...p50)],
  };
});
const ms = (x) => `${x >= 0 ? ' ' : ''}${x.toFixed(3)}`;
console.log(`\n${runs} runs × ${perRun[0].result[base].n} sequential calls per scenario; medians across runs; "added" = scenario − fetch in the same run (ms)`);
console.log(`pinned: ${hasTaskset ? 'server CPU 1, client CPU 0' : 'no'}; load avg per run: ${perRun.map((r) => r.load.map((l) => l.toFixed(2)).join('→')).join(', ')}\n`);
console.log(`${'scenario'.padEnd(44)} ${'p50'.padStart(7)} ${'p99'.padStart(7)} | vs fetch: ${'+p50'.padStart(7)} ${'+p99'.padStart(7)} | vs undici: ${'+p50'.padStart(7)} ${'+p99'.padStart(7)} | p50 min..max`);
for (const r of rows) {
  console.log(
    `${r.name.padEnd(44)} ${r.p50.toFixed(3).padStart(7)} ${r.p99.toFixed(3).padStart(7)} |           ${ms(r.add50).padStart(7)} ${ms(r.add99).padStart(7)} |             ${ms(r.over50).padStart(7)} ${ms(r.over99).padStart(7)} | ${r.spread50[0].toFixed(3)}..${r.spread50[1].toFixed(3)}`,
  );
}
