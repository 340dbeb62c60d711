// Limiter utilisation: 3 processes share one RPM quota that the fake server enforces.
// Build first: npm run build   (the built @aiwire/ai and @aiwire/sandbox; nothing in bench/ needs compiling)
// Run:         node bench/ai/limiter.mjs      (RPM=600 DURATION_MS=60000 PROCESSES=3 CONCURRENCY=8 RUNS=3)
// The fake server lives in this process; workers are pinned to CPU 0, Redis to CPU 1.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '@aiwire/sandbox';
import { loadAverage, median, pinned, startRedis } from './common.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const rpm = Number(process.env.RPM ?? 600);
const durationMs = Number(process.env.DURATION_MS ?? 60_000);
const processes = Number(process.env.PROCESSES ?? 3);
const runs = Number(process.env.RUNS ?? 3);

async function run(index) {
  const redis = await startRedis(1);
  const sandbox = await startSandbox({ seed: false, limits: { openai: { rpm, tpm: 1e12 } } });
  const startAt = Date.now() + 3000;
  const children = Array.from({ length: processes }, () => {
    const [cmd, args] = pinned(0, [`${here}limiter-worker.mjs`]);
    return spawn(cmd, args, {
      env: { ...process.env, REDIS_URL: redis.url, PREFIX: `bench-limiter-${index}`, BASE_URL: sandbox.url, RPM: String(rpm), START_AT: String(startAt), DURATION_MS: String(durationMs), CONCURRENCY: process.env.CONCURRENCY ?? '8' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  });
  const results = await Promise.all(children.map((child) => new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1))) : reject(new Error(`worker exited ${code}`))));
  })));
  const entries = sandbox.state.requests.filter('openai', 'POST /v1/chat/completions');
  const end = startAt + durationMs;
  const inWindow = entries.filter((e) => e.at >= startAt && e.at < end);
  const served = inWindow.filter((e) => e.status === 200).length;
  const tooMany = entries.filter((e) => e.status === 429).length;
  for (const e of entries.filter((x) => x.status === 429)) process.stderr.write(`429 at +${e.at - startAt} ms\n`);
  // A token bucket that starts full allows its capacity plus the refill over the window.
  const allowed = rpm + (rpm * durationMs) / 60_000;
  // Steady state: after the first 10 s (the initial full bucket is gone), against rpm/60 per second.
  const steadyFrom = startAt + 10_000;
  const steady = inWindow.filter((e) => e.status === 200 && e.at >= steadyFrom).length;
  const steadyAllowed = (rpm * (end - steadyFrom)) / 60_000;
  await sandbox.close();
  redis.stop();
  return { served, allowed, used: served / allowed, steadyUsed: steady / steadyAllowed, tooMany, failed: results.reduce((s, r) => s + r.failed, 0) };
}

const all = [];
for (let i = 1; i <= runs; i++) {
  const before = loadAverage();
  const r = await run(i);
  all.push(r);
  process.stderr.write(`run ${i}/${runs}: served ${r.served}/${r.allowed} (${(r.used * 100).toFixed(1)} %), steady ${(r.steadyUsed * 100).toFixed(1)} %, 429s ${r.tooMany}, failed ${r.failed}; load ${before} → ${loadAverage()}\n`);
}
console.log(`| quota | processes | window | served (median) | % of quota used | steady-state % (after 10 s) | 429s served (max) | failed calls (max) |`);
console.log('|---|---|---|---|---|---|---|---|');
console.log(
  `| ${rpm} rpm | ${processes} | ${durationMs / 1000} s | ${median(all.map((r) => r.served))} of ${all[0].allowed} | ${(median(all.map((r) => r.used)) * 100).toFixed(1)} % | ${(median(all.map((r) => r.steadyUsed)) * 100).toFixed(1)} % | ${Math.max(...all.map((r) => r.tooMany))} | ${Math.max(...all.map((r) => r.failed))} |`,
);
