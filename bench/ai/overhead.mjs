// Overhead of ai.chat() over a direct fetch to the same local fake OpenAI server, and cache-hit latency.
// Build first: npm run build   (the built @aiwire/ai and @aiwire/sandbox; nothing in bench/ needs compiling)
// Run:         node bench/ai/overhead.mjs        (RUNS=3 CALLS=5000 WARMUP=500 by default)
//              BASELINE_AI=<checkout>/libs/ai/dist/index.js adds that build's limiter as one more variant
//              (a before/after in one process: e.g. `git archive HEAD` unpacked and built elsewhere)
// Server and Redis pinned to CPU 1, the client to CPU 0 (when taskset exists).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadAverage, median, percentile, pinned, startPrintingChild, startRedis } from './common.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const runs = Number(process.env.RUNS ?? 3);
const redis = await startRedis(1);
const { child: server, line } = await startPrintingChild(1, `${here}fake-llm-server.mjs`);
const port = line.split(' ')[1];

const perRun = [];
try {
  for (let run = 1; run <= runs; run++) {
    const before = loadAverage();
    const [cmd, args] = pinned(0, [`${here}overhead-client.mjs`]);
    const out = execFileSync(cmd, args, { env: { ...process.env, PORT: port, REDIS_URL: redis.url }, maxBuffer: 64 << 20 }).toString();
    const samples = JSON.parse(out.trim().split('\n').at(-1));
    const stats = Object.fromEntries(Object.entries(samples).map(([name, xs]) => [name, { p50: percentile(xs, 50), p99: percentile(xs, 99) }]));
    perRun.push(stats);
    process.stderr.write(`run ${run}/${runs}: load ${before} → ${loadAverage()}\n`);
  }
} finally {
  server.kill('SIGTERM');
  redis.stop();
}

const base = 'fetch (baseline)';
const fmt = (ms) => `${ms.toFixed(3)} ms`;
console.log('| variant | p50 | p99 | added p50 | added p99 |');
console.log('|---|---|---|---|---|');
for (const name of Object.keys(perRun[0])) {
  const p50 = median(perRun.map((r) => r[name].p50));
  const p99 = median(perRun.map((r) => r[name].p99));
  const added50 = median(perRun.map((r) => r[name].p50 - r[base].p50));
  const added99 = median(perRun.map((r) => r[name].p99 - r[base].p99));
  console.log(`| ${name} | ${fmt(p50)} | ${fmt(p99)} | ${name === base ? '—' : fmt(added50)} | ${name === base ? '—' : fmt(added99)} |`);
}
console.log(`\nmedians of ${runs} runs × ${process.env.CALLS ?? 5000} calls per variant (interleaved), same-run baseline`);
