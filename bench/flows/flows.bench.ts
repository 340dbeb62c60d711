// @aiwire/flows against direct calls and plain Bull (issue 11 §4), both baselines in the same run:
// (1) the latency a `flow.step(id, fn)` adds over `await fn()` inside a running flow (its Redis write
// included: that is the cost), one run at a time on one worker, many steps per run, and the per-run
// fixed cost (start → flow function entered; returned → job completed); (2) runs/s of a 5-step flow
// with no-op steps on one worker (FlowsModule, concurrency 10) against the same five calls in one
// plain Bull job (`queue.process(10, …)`, its own queue), each draining a pre-filled queue in the same
// private Redis (flushed between), with the worker's CPU per run (`process.cpuUsage()`) and its
// Redis's (`INFO cpu`). Workers on core 0, Redis and this process on core 1; each run starts with a
// different worker. A third, diagnostic worker drains a one-step flow: against the five-step one it
// splits the cost into per step and per run. --profile <dir> writes a .cpuprofile of each five-step
// flows worker run (node --cpu-prof). --autopipelining adds a fourth: the five-step flow with ioredis'
// enableAutoPipelining on its connections.
// Run: npm run bench:flows -- [--runs 5] [--flows 10000] [--warmup 1000] [--steps 100] [--step-runs 50] [--profile dir] [--autopipelining]
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Bull from 'bull';
import { NestFactory } from '@nestjs/core';
import { FlowsService } from '@aiwire/flows';
import type { Redis } from 'ioredis';
import { machine } from '../lib/machine.js';
import { numberArg } from '../lib/args.js';
import { startRedis, stop } from '../lib/processes.js';
import { median, percentile, round } from '../lib/stats.js';
import { FIVE_STEPS, ONE_STEP, flowsAppModule } from './targets/five-step-flow.js';
import type { OverheadSamples } from './targets/step-overhead.js';

const RUNS = numberArg('runs', 5);
const N = process.argv.includes('--flows') ? numberArg('flows', 10_000) : numberArg('jobs', 10_000);
const WARMUP = numberArg('warmup', 1_000);
const TOTAL = WARMUP + N;
const STEPS = numberArg('steps', 100);
const STEP_RUNS = numberArg('step-runs', 50);
const STEP_WARMUP = 5;
const profileAt = process.argv.indexOf('--profile');
const PROFILE_DIR = profileAt === -1 ? undefined : process.argv[profileAt + 1];
const AUTOPIPELINING = process.argv.includes('--autopipelining');
const PREFIX = 'bench';
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const server = await startRedis(1);
const redisCpuSeconds = async (redis: Redis): Promise<number> => {
  const info = await redis.info('cpu');
  return Number(/used_cpu_user:([\d.]+)/.exec(info)![1]) + Number(/used_cpu_sys:([\d.]+)/.exec(info)![1]);
};
const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await server.redis.info('memory'))![1]);

/** Runs `script` pinned to core 0 until it prints a line matching `done`; then ends it. */
async function runPinned(script: string, env: Record<string, string>, done: RegExp, profile = false): Promise<RegExpExecArray> {
  const nodeArgs = profile && PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : [];
  const child = spawn('taskset', ['-c', '0', process.execPath, ...nodeArgs, script], {
    env: { ...process.env, REDIS_URL: server.url, PREFIX, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = done.exec(out);
      if (m) resolve(m);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}: ${out.slice(0, 500)}`)));
  });
  if (profile && PROFILE_DIR) {
    // A profile is written on a normal exit only: the targets exit on SIGTERM.
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  } else {
    await stop(child);
  }
  return match;
}

// ---- (1) per-step overhead and per-run fixed cost ----
interface Latency {
  stepP50: number; stepP99: number; directP50: number; directP99: number; addedP50: number; addedP99: number;
  entryP50: number; entryP99: number; startCallP50: number; completionP50: number; completionP99: number;
  cpuPerStep: number; systemCpuPerStep: number; redisCpuPerStep: number;
}

async function measureLatency(): Promise<Latency> {
  await server.redis.flushall();
  const m = await runPinned(here('./targets/step-overhead.js'), { STEPS: String(STEPS), RUNS: String(STEP_RUNS), WARMUP: String(STEP_WARMUP) }, /result (\{.*\})\n/);
  const s = JSON.parse(m[1]!) as OverheadSamples;
  const added = s.step.map((t, i) => t - s.direct[i]!);
  return {
    stepP50: percentile(s.step, 50), stepP99: percentile(s.step, 99), directP50: percentile(s.direct, 50), directP99: percentile(s.direct, 99),
    addedP50: percentile(added, 50), addedP99: percentile(added, 99),
    entryP50: percentile(s.startToEntry, 50), entryP99: percentile(s.startToEntry, 99), startCallP50: percentile(s.startCall, 50),
    completionP50: percentile(s.completion, 50), completionP99: percentile(s.completion, 99),
    cpuPerStep: s.cpuPerStep, systemCpuPerStep: s.systemCpuPerStep, redisCpuPerStep: s.redisCpuPerStep,
  };
}

// ---- (2) throughput: FlowsModule against plain Bull ----
interface Drained {
  runsPerSecond: number;
  /** Worker CPU (user + system) per timed run, µs. */
  cpuUsPerRun: number;
  /** CPU of the Redis per run while the worker drained (warm-up runs included), µs. */
  redisUsPerRun: number;
}

async function drain(script: string, fill: () => Promise<void>, profile = false, env: Record<string, string> = {}): Promise<Drained> {
  await server.redis.flushall();
  await fill();
  const redisBefore = await redisCpuSeconds(server.redis);
  const m = await runPinned(script, { N: String(N), WARMUP: String(WARMUP), ...env }, /done ([\d.]+) (\d+)/, profile);
  const redisUs = ((await redisCpuSeconds(server.redis)) - redisBefore) * 1e6;
  return { runsPerSecond: (N / Number(m[1])) * 1000, cpuUsPerRun: Number(m[2]) / N, redisUsPerRun: redisUs / TOTAL };
}

// The filler: FlowsModule without workers, starting runs through FlowsService.start() as an app would.
const filler = await NestFactory.createApplicationContext(flowsAppModule({ url: server.url }, PREFIX, false), { logger: false });
const flows = filler.get(FlowsService);
const retained: number[] = [];

async function fillFlows(name = FIVE_STEPS): Promise<void> {
  for (let i = 0; i < TOTAL; i += 200) {
    await Promise.all(Array.from({ length: Math.min(200, TOTAL - i) }, (_, j) => flows.start(name, { n: i + j })));
  }
}

async function fillPlain(): Promise<void> {
  const queue = new Bull('plain', server.url, { prefix: PREFIX });
  for (let i = 0; i < TOTAL; i += 1000) {
    await queue.addBulk(Array.from({ length: Math.min(1000, TOTAL - i) }, (_, j) => ({ data: { n: i + j }, opts: { removeOnComplete: true } })));
  }
  await queue.close();
}

const workers = [
  { short: 'plain', name: 'plain Bull 4 (`queue.process(10, …)`, five `await noop()` per job)', run: () => drain(here('./targets/plain-bull-five.js'), fillPlain) },
  {
    short: 'flows',
    name: '`@aiwire/flows` (FlowsModule, concurrency 10, five `flow.step(id, noop)` per run)',
    run: async () => {
      await server.redis.flushall();
      const empty = await usedMemory();
      const drained = await drain(here('./targets/flows-worker.js'), () => fillFlows(), true);
      // What the finished runs keep for their retention (7 days by default): run hash, steps, order, index entries.
      retained.push(((await usedMemory()) - empty) / TOTAL);
      return drained;
    },
  },
  { short: 'flows-1', name: '`@aiwire/flows`, a one-step flow (diagnostic: splits per step from per run)', run: () => drain(here('./targets/flows-worker.js'), () => fillFlows(ONE_STEP)) },
  ...(AUTOPIPELINING
    ? [{ short: 'flows+ap', name: '`@aiwire/flows`, `redis: { url, enableAutoPipelining: true }` (diagnostic)', run: () => drain(here('./targets/flows-worker.js'), () => fillFlows(), false, { AUTOPIPELINING: '1' }) }]
    : []),
];

const latencies: Latency[] = [];
const results: Drained[][] = workers.map(() => []);
for (let run = 1; run <= RUNS; run++) {
  latencies.push(await measureLatency());
  const l = latencies.at(-1)!;
  console.error(`run ${run}: step p50 ${round(l.stepP50, 1)} µs (direct ${round(l.directP50, 2)} µs), p99 ${round(l.stepP99, 1)} µs; start→entry p50 ${round(l.entryP50, 1)} µs; completion p50 ${round(l.completionP50, 1)} µs`);
  for (let k = 0; k < workers.length; k++) {
    const i = (run - 1 + k) % workers.length;
    results[i]!.push(await workers[i]!.run());
  }
  const fmt = (r: Drained) => `${Math.round(r.runsPerSecond)} runs/s (CPU/run: worker ${round(r.cpuUsPerRun, 1)} µs, Redis ${round(r.redisUsPerRun, 1)} µs)`;
  const [p, f] = [results[0]!.at(-1)!, results[1]!.at(-1)!];
  console.error(`run ${run}: ${workers.map((w, i) => `${w.short} ${fmt(results[i]!.at(-1)!)}`).join(', ')}; flows/plain ${round(f.runsPerSecond / p.runsPerSecond)}`);
}
await filler.close();
server.redis.disconnect();
await stop(server.child);

const lat = (f: (l: Latency) => number) => round(median(latencies.map(f)), 1);
const med = (i: number, f: (d: Drained) => number) => median(results[i]!.map(f));
const perRun = (f: (d: Drained) => number, a = 1, b = 0) => results[a]!.map((d, run) => f(d) / f(results[b]![run]!));
const list = (values: number[]) => values.map((v) => round(v)).join(', ');
console.log(`\n${machine()}; ${RUNS} runs; load average at the end ${(await import('node:os')).loadavg().map((v) => v.toFixed(1)).join(' ')}\n`);
console.log(`Per step (${STEP_RUNS} runs × ${STEPS} steps after ${STEP_WARMUP} warm-up runs, one run at a time; µs, medians of the runs' percentiles):\n`);
console.log('| | p50 | p99 |\n|---|---|---|');
console.log(`| \`await flow.step(id, noop)\` | ${lat((l) => l.stepP50)} | ${lat((l) => l.stepP99)} |`);
console.log(`| \`await noop()\` directly | ${lat((l) => l.directP50)} | ${lat((l) => l.directP99)} |`);
console.log(`| **added per step** (paired difference) | **${lat((l) => l.addedP50)}** | **${lat((l) => l.addedP99)}** |`);
console.log(`| per run: \`start()\` → flow function entered | ${lat((l) => l.entryP50)} | ${lat((l) => l.entryP99)} |`);
console.log(`| per run: \`start()\` resolved (run stored, job added) | ${lat((l) => l.startCallP50)} | — |`);
console.log(`| per run: flow function returned → job completed | ${lat((l) => l.completionP50)} | ${lat((l) => l.completionP99)} |`);
console.log(`\nCPU per step over the timed runs (the per-run work spread over ${STEPS} steps): worker ${lat((l) => l.cpuPerStep)} µs (${lat((l) => l.systemCpuPerStep)} µs of it system time), Redis ${lat((l) => l.redisCpuPerStep)} µs`);
console.log(`\nThroughput (${N} timed runs after ${WARMUP} warm-up runs, concurrency 10, pre-filled queue; medians of ${RUNS} runs):\n`);
console.log('| worker | runs/s | worker CPU µs/run | Redis CPU µs/run |\n|---|---|---|---|');
for (const [i, w] of workers.entries()) console.log(`| ${w.name} | ${Math.round(med(i, (d) => d.runsPerSecond))} | ${round(med(i, (d) => d.cpuUsPerRun), 1)} | ${round(med(i, (d) => d.redisUsPerRun), 1)} |`);
const rps = perRun((d) => d.runsPerSecond);
const cpu = perRun((d) => 1 / d.cpuUsPerRun);
const redisCpu = perRun((d) => 1 / d.redisUsPerRun);
console.log(`\nflows / plain Bull: runs/s ${round(med(1, (d) => d.runsPerSecond) / med(0, (d) => d.runsPerSecond))} of the medians; per run ${list(rps)} (median ${round(median(rps))})`);
console.log(`runs per worker CPU-second, flows / plain Bull: per run ${list(cpu)} (median ${round(median(cpu))}); per Redis CPU-second: ${list(redisCpu)} (median ${round(median(redisCpu))})`);
// Five steps against one: (five − one) / 4 per step; what one step's run costs beyond it and plain Bull's job is per run.
const split = (f: (d: Drained) => number) => {
  const perStep = median(results[1]!.map((d, run) => (f(d) - f(results[2]![run]!)) / 4));
  return { perStep, perRun: median(results[2]!.map((d, run) => f(d) - f(results[0]![run]!))) - perStep };
};
const [cpuSplit, redisSplit] = [split((d) => d.cpuUsPerRun), split((d) => d.redisUsPerRun)];
console.log(`at concurrency 10, from the five-step and one-step runs (per-run medians): a step costs ${round(cpuSplit.perStep, 1)} µs of worker CPU and ${round(redisSplit.perStep, 1)} µs of Redis CPU; a run beyond plain Bull's job and its steps ${round(cpuSplit.perRun, 1)} µs and ${round(redisSplit.perRun, 1)} µs`);
if (AUTOPIPELINING) {
  const ap = perRun((d) => d.runsPerSecond, 3, 1);
  const apCpu = perRun((d) => 1 / d.cpuUsPerRun, 3, 1);
  console.log(`flows with enableAutoPipelining / without: runs/s per run ${list(ap)} (median ${round(median(ap))}); runs per worker CPU-second ${list(apCpu)} (median ${round(median(apCpu))})`);
}
console.log(`Redis memory kept per finished 5-step run (retention 7 days): ${Math.round(median(retained))} B`);
