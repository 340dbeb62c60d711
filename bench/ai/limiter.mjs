// Limiter utilisation: 3 processes share one quota that the fake server enforces too, once bound
// by requests (RPM) and once by tokens (TPM, where every call reserves far more than it uses and
// gives the rest back after its answer, so waiters must see tokens come back early, and answers
// land in bursts, settled out of order across processes). Both start with a full bucket.
// Build first: npm run build   (the built @aiwire/ai and @aiwire/sandbox; nothing in bench/ needs compiling)
// Run:         node bench/ai/limiter.mjs
//   RPM=600 TPM=130000 MAX_TOKENS=1000 LATENCY_MS=250 PROCESSES=3 CONCURRENCY=8 RUNS=3 ONLY=rpm|tpm
//   (DURATION_MS sets both windows: 60 s for RPM, 120 s for TPM by default)
// The fake server lives in this process; workers are pinned to CPU 0, Redis to CPU 1.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '@aiwire/sandbox';
import { loadAverage, median, pinned, startRedis } from './common.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const processes = Number(process.env.PROCESSES ?? 3);
const runs = Number(process.env.RUNS ?? 3);
const UNLIMITED = 1e12;

/** The two quotas: which one binds, its size, and what the client and the sandbox are told. */
const scenarios = [
  { name: 'rpm', quota: Number(process.env.RPM ?? 600), unit: 'rpm', maxTokens: 16, latencyMs: 0, durationMs: Number(process.env.DURATION_MS ?? 60_000) },
  // ~109 tokens used per call (a 200-character question and its echo), 1057 reserved: ~20 calls/s.
  // Its full bucket holds ~1200 calls, so its window is longer: the second half is all refill.
  {
    name: 'tpm',
    quota: Number(process.env.TPM ?? 130_000),
    unit: 'tpm',
    maxTokens: Number(process.env.MAX_TOKENS ?? 1000),
    latencyMs: Number(process.env.LATENCY_MS ?? 250),
    durationMs: Number(process.env.DURATION_MS ?? 120_000),
  },
].filter((s) => !process.env.ONLY || s.name === process.env.ONLY);

async function run(scenario, index) {
  const { durationMs } = scenario;
  const redis = await startRedis(1);
  const rpm = scenario.name === 'rpm' ? scenario.quota : undefined;
  const tpm = scenario.name === 'tpm' ? scenario.quota : undefined;
  const sandbox = await startSandbox({ seed: false, limits: { openai: { rpm: rpm ?? UNLIMITED, tpm: tpm ?? UNLIMITED } } });
  // How long the model takes to answer: reserved tokens stay out of the bucket meanwhile.
  sandbox.state.openai.latencyMs = scenario.latencyMs;
  const prefix = `bench-limiter-${scenario.name}-${index}`;
  const children = Array.from({ length: processes }, () => {
    const [cmd, args] = pinned(0, [`${here}limiter-worker.mjs`]);
    const env = {
      ...process.env,
      REDIS_URL: redis.url,
      PREFIX: prefix,
      BASE_URL: sandbox.url,
      RPM: String(rpm ?? 0),
      TPM: String(tpm ?? 0),
      MAX_TOKENS: String(scenario.maxTokens),
      DURATION_MS: String(durationMs),
      CONCURRENCY: process.env.CONCURRENCY ?? '8',
    };
    return spawn(cmd, args, { env, stdio: ['pipe', 'pipe', 'inherit'] });
  });
  const outputs = children.map((child) => {
    let out = '';
    const ready = new Promise((resolve) => child.stdout.on('data', (d) => {
      out += String(d);
      if (out.startsWith('ready\n')) resolve();
    }));
    const done = new Promise((resolve, reject) => {
      child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1))) : reject(new Error(`worker exited ${code}`))));
    });
    return { ready, done };
  });
  // Every worker has booted: all start together, half a second from now.
  await Promise.all(outputs.map((o) => o.ready));
  const startAt = Date.now() + 500;
  for (const child of children) child.stdin.end(`${startAt}\n`);
  const results = await Promise.all(outputs.map((o) => o.done));
  const entries = sandbox.state.requests.filter('openai', 'POST /v1/chat/completions');
  const end = startAt + durationMs;
  // What one served call counts against the quota: 1 request, or the tokens it really used.
  const perCall = scenario.name === 'rpm' ? 1 : Math.max(...results.map((r) => r.tokensPerCall));
  const inWindow = entries.filter((e) => e.at >= startAt && e.at < end);
  const served = inWindow.filter((e) => e.status === 200).length;
  const tooMany = entries.filter((e) => e.status === 429).length;
  for (const e of entries.filter((x) => x.status === 429)) process.stderr.write(`429 at +${e.at - startAt} ms\n`);
  // A token bucket that starts full allows its capacity plus the refill over the window.
  const allowed = scenario.quota + (scenario.quota * durationMs) / 60_000;
  // Steady state: the second half of the window (the initial full bucket is gone by then: a TPM
  // bucket holds far more calls than an RPM one), against quota/60 per second.
  const steadyFrom = startAt + durationMs / 2;
  const steady = inWindow.filter((e) => e.status === 200 && e.at >= steadyFrom).length;
  const steadyAllowed = (scenario.quota * (end - steadyFrom)) / 60_000;
  await sandbox.close();
  redis.stop();
  return {
    served,
    allowed,
    perCall,
    possiblePerSecond: scenario.quota / 60 / perCall,
    callsPerSecond: steady / ((end - steadyFrom) / 1000),
    used: (served * perCall) / allowed,
    steadyUsed: (steady * perCall) / steadyAllowed,
    tooMany,
    failed: results.reduce((s, r) => s + r.failed, 0),
  };
}

const rows = [];
for (const scenario of scenarios) {
  const all = [];
  for (let i = 1; i <= runs; i++) {
    const before = loadAverage();
    const r = await run(scenario, i);
    all.push(r);
    process.stderr.write(
      `${scenario.name} run ${i}/${runs}: served ${r.served} calls × ${r.perCall} = ${(r.used * 100).toFixed(1)} % of the quota, steady ${(r.steadyUsed * 100).toFixed(1)} % (${r.callsPerSecond.toFixed(1)} of ${r.possiblePerSecond.toFixed(1)} calls/s), 429s ${r.tooMany}, failed ${r.failed}; load ${before} → ${loadAverage()}\n`,
    );
  }
  const allowed = Math.round(median(all.map((r) => r.allowed)));
  const unitOf = scenario.name === 'rpm' ? 'requests' : 'tokens';
  rows.push(
    `| ${scenario.quota} ${scenario.unit}${scenario.name === 'tpm' ? ` (maxTokens ${scenario.maxTokens}, ${all[0].perCall} used per call)` : ''} | ${processes} | ${scenario.durationMs / 1000} s | ${median(all.map((r) => r.served * r.perCall))} of ${allowed} ${unitOf} | ${(median(all.map((r) => r.used)) * 100).toFixed(1)} % | ${(median(all.map((r) => r.steadyUsed)) * 100).toFixed(1)} % (${median(all.map((r) => r.callsPerSecond)).toFixed(1)} of ${all[0].possiblePerSecond.toFixed(1)} calls/s) | ${Math.max(...all.map((r) => r.tooMany))} | ${Math.max(...all.map((r) => r.failed))} |`,
  );
}
console.log(`| quota | processes | window | served (median of ${runs}) | % of quota used | steady state (2nd half of the window) | 429s served (max) | failed calls (max) |`);
console.log('|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
