// Worker throughput (no-op handler, concurrency 10) of @aiwire/webhooks against plain Bull with the
// same payloads, and Redis memory per stored event; a third, diagnostic worker (bare Bull on aiwire's
// connections and stored jobs) splits the difference into aiwire's dispatch and the rest. Plain Bull
// opens its connections with its own ioredis (5, nested in bull/node_modules); so does aiwire, since
// @aiwire/core's Bull client factory opens them with Bull's ioredis when given options. A fourth
// worker is aiwire given an ioredis 6 client instead (its connections are duplicates of that client). Worker on
// core 0; the Redis servers and the filler on core 1. Each worker first drains --warmup untimed jobs,
// then --jobs timed ones; each run starts with a different worker. Besides jobs/s, the CPU time per
// job of the worker process and of its Redis is reported: it moves much less than jobs/s when other
// processes share the cores. --profile <dir> writes a .cpuprofile per worker run (node --cpu-prof).
// --paired: instead of the table, aiwire alone and aiwire + MonitoringModule (issue 10's ratio) drain
// identical queues (each in its own Redis) at the same time, both on core 0, started together: the
// VM's drift between runs (±15 % on this machine) then reaches both alike.
// Run: npm run bench:webhooks:worker -- [--runs 5] [--jobs 20000] [--warmup 2000] [--profile dir [--profile-interval µs]]
//   [--monitoring [--variants 'LOGS=false;CORRELATION=pinned']] [--only 1,4] [--paired [--variants 'METRICS=false']]
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Bull from 'bull';
import { fileURLToPath } from 'node:url';
import { createHmac } from 'node:crypto';
import { OnWebhook, WEBHOOK_QUEUE_NAME, WebhookModule } from '@aiwire/webhooks';
import { machine } from '../lib/machine.js';
import { listArg, numberArg } from '../lib/args.js';
import { startRedis, stop } from '../lib/processes.js';
import { median, round } from '../lib/stats.js';
import { spawn, type ChildProcess } from 'node:child_process';
import type { Redis } from 'ioredis';

const RUNS = numberArg('runs', 5);
const N = numberArg('jobs', 20_000);
const WARMUP = numberArg('warmup', 2_000);
const TOTAL = WARMUP + N;
/** --monitoring: two more workers, aiwire with MonitoringModule on (logs at info, metrics), then with tracing too (issue 10). */
const MONITORING = process.argv.includes('--monitoring');
/**
 * --variants 'LOGS=false METRICS=false;CORRELATION=pinned': more monitored workers (indices 6, 7, ...),
 * each with its env (see bench/monitoring/targets/aiwire-monitored-worker.ts), to split the cost.
 */
const VARIANTS = (listArg('variants') ?? []).flatMap((list) => list.split(';')).filter(Boolean);
const profileAt = process.argv.indexOf('--profile');
const PROFILE_DIR = profileAt === -1 ? undefined : process.argv[profileAt + 1];
/** --profile-interval <µs>: the sampling interval of --profile (node's default: 1000 µs). */
const PROFILE_INTERVAL = process.argv.includes('--profile-interval') ? numberArg('profile-interval', 1000) : undefined;
/** --only 1,4: runs these workers only (indices into the table below), for profiling one against another. */
const ONLY = listArg('only')?.map(Number);
const PAIRED = process.argv.includes('--paired');
/** Paired runs fill a tail beyond the timed jobs, so the faster worker still works while the slower one is timed. */
const FILLED = PAIRED ? WARMUP + N + Math.ceil(N / 2) : TOTAL;
const SECRET = 'whsec_bench_worker';
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

function event(seq: number): { raw: Buffer; headers: Record<string, string> } {
  const body = JSON.stringify({ id: `evt_${seq}_${Date.now()}`, object: 'event', type: 'payment_intent.succeeded', data: { object: { id: `pi_${seq}`, amount: 4200, pad: 'x'.repeat(880) } } });
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex');
  return { raw: Buffer.from(body), headers: { 'content-type': 'application/json', 'stripe-signature': `t=${t},v1=${v1}` } };
}

interface Drained {
  jobsPerSecond: number;
  /** Worker CPU time (user + system) per timed job, in µs. */
  cpuUsPerJob: number;
}

/** A worker script pinned to core 0; `ready` once it started, `done` once it ran its timed jobs. */
function startWorker(script: string, env: Record<string, string>): { child: ChildProcess; ready: Promise<void>; done: Promise<Drained> } {
  const nodeArgs = PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR, ...(PROFILE_INTERVAL ? ['--cpu-prof-interval', String(PROFILE_INTERVAL)] : [])] : [];
  const child = spawn('taskset', ['-c', '0', process.execPath, ...nodeArgs, script], {
    env: { ...process.env, ...env, N: String(N), WARMUP: String(WARMUP) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`${script} exited ${code}: ${out}`))));
  exited.catch(() => undefined);
  const printed = (pattern: RegExp) =>
    Promise.race([
      exited,
      new Promise<RegExpExecArray>((resolve) => {
        const look = () => {
          const m = pattern.exec(out);
          if (m) resolve(m);
          return m;
        };
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          look();
        });
      }),
    ]);
  const ready = printed(/ready/).then(() => undefined);
  const done = printed(/done ([\d.]+) (\d+)/).then((m) => ({ jobsPerSecond: (N / Number(m[1])) * 1000, cpuUsPerJob: Number(m[2]) / N }));
  return { child, ready, done };
}

/** Ends a worker: with --profile a normal exit (SIGTERM, which the targets exit on), so that its profile is written. */
async function stopWorker(child: ChildProcess): Promise<void> {
  if (!PROFILE_DIR) return stop(child);
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Runs the worker script pinned to core 0 until it reports the timed jobs done. */
async function drain(script: string, env: Record<string, string>): Promise<Drained> {
  const worker = startWorker(script, env);
  const drained = await worker.done;
  await stopWorker(worker.child);
  return drained;
}

@Injectable()
class PaymentHandlers {
  @OnWebhook('payment_intent.succeeded', { source: 'stripe' })
  async onPaid(): Promise<void> {}
}

// Two private Redis servers on core 1, one for plain Bull and one for aiwire's queue: each queue
// drains alone in its Redis, and the memory figures count @aiwire/webhooks' keys only.
const oursRedis = await startRedis(1);
const plainRedis = await startRedis(1);
const { url, redis } = oursRedis;
const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);

@Module({
  imports: [WebhookModule.forRoot({ redis: { url }, sources: { stripe: { scheme: 'stripe', secrets: [SECRET] } }, keyPrefix: 'bench', queue: { prefix: 'bench' }, workers: false })],
  providers: [PaymentHandlers],
})
class IntakeModule {}
// Its 503s (a store slower than storeTimeoutMs on a busy machine) are retried below, as a sender would.
const intakeApp = await NestFactory.create(IntakeModule, { logger: false });
await intakeApp.listen(0, '127.0.0.1');
const intakeUrl = `${(await intakeApp.getUrl()).replace('[::1]', '127.0.0.1')}/webhooks/stripe`;
let resent = 0;

/** Delivers one event until the intake stored it (202, or 200 once a timed-out attempt had stored it). */
async function deliver(seq: number): Promise<void> {
  const e = event(seq);
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(intakeUrl, { method: 'POST', headers: e.headers, body: e.raw });
    await res.arrayBuffer();
    if (res.status === 202 || res.status === 200) return;
    if (attempt === 20) throw new Error(`the intake answered ${res.status} to event ${seq} 20 times`);
    resent++;
  }
}

/** @aiwire/webhooks' jobs: the events are POSTed to its intake, as a sender's deliveries would be. */
async function fillOurs(): Promise<void> {
  for (let i = 0; i < FILLED; i += 200) {
    await Promise.all(Array.from({ length: Math.min(200, FILLED - i) }, (_, j) => deliver(i + j)));
  }
}

/** Plain Bull's jobs: the same events, the same data (a ~1 KiB payload and its metadata), added with addBulk. */
async function fillPlain(): Promise<void> {
  const queue = new Bull('plain', plainRedis.url, { prefix: 'bench' });
  for (let i = 0; i < TOTAL; i += 1000) {
    await queue.addBulk(Array.from({ length: Math.min(1000, TOTAL - i) }, (_, j) => {
      const e = event(i + j);
      return { data: { id: `p${i + j}`, source: 'stripe', type: 'payment_intent.succeeded', payload: JSON.parse(e.raw.toString()), headers: {}, receivedAt: new Date().toISOString() }, opts: { removeOnComplete: true } };
    }));
  }
  await queue.close();
}

const redisCpuSeconds = async (server: Redis): Promise<number> => {
  const info = await server.info('cpu');
  return Number(/used_cpu_user:([\d.]+)/.exec(info)![1]) + Number(/used_cpu_sys:([\d.]+)/.exec(info)![1]);
};

interface Measured extends Drained {
  /** CPU time of the worker's Redis per job, in µs (all jobs, warm-up and start-up included). */
  redisUsPerJob: number;
}

/** Fills a worker's queue (in its own Redis, flushed first), then drains it. */
async function measure(server: { url: string; redis: Redis }, fill: () => Promise<void>, script: string, env: Record<string, string> = {}): Promise<Measured> {
  await server.redis.flushall();
  await fill();
  const redisBefore = await redisCpuSeconds(server.redis);
  const drained = await drain(script, { REDIS_URL: server.url, PREFIX: 'bench', ...env });
  return { ...drained, redisUsPerJob: ((await redisCpuSeconds(server.redis)) - redisBefore) * 1e6 / TOTAL };
}

const memory: { queued: number[]; remembered: number[] } = { queued: [], remembered: [] };
let emptyRedis = 0;
const workers = [
  { short: 'plain', name: 'plain Bull 4 (`queue.process`, its own ioredis 5)', run: () => measure(plainRedis, fillPlain, here('./targets/plain-bull-worker.js')) },
  {
    short: 'aiwire',
    name: '`@aiwire/webhooks` (`@OnWebhook` handler)',
    run: () => measure(oursRedis, async () => {
      emptyRedis = await usedMemory();
      await fillOurs();
      memory.queued.push((await usedMemory() - emptyRedis) / TOTAL);
    }, here('./targets/aiwire-worker.js'), { SECRET }),
  },
  { short: 'bull-on-aiwire', name: "Bull on aiwire's connections and stored jobs (diagnostic)", run: () => measure(oursRedis, fillOurs, here('./targets/bull-on-aiwire-jobs-worker.js')) },
  // Given an ioredis 6 client, Bull's connections are its duplicates: how aiwire ran before it used Bull's ioredis.
  { short: 'aiwire-on-ioredis-6', name: '`@aiwire/webhooks` given an ioredis 6 client (`redis: new Redis(url)`)', run: () => measure(oursRedis, fillOurs, here('./targets/aiwire-worker.js'), { SECRET, CLIENT: 'instance' }) },
  ...(MONITORING
    ? [
        { short: 'monitored', name: '`@aiwire/webhooks` + MonitoringModule (logs at info, metrics)', run: () => measure(oursRedis, fillOurs, here('../monitoring/targets/aiwire-monitored-worker.js'), { SECRET }) },
        { short: 'traced', name: '`@aiwire/webhooks` + MonitoringModule, tracing on (SDK registered, spans dropped)', run: () => measure(oursRedis, fillOurs, here('../monitoring/targets/aiwire-monitored-worker.js'), { SECRET, TRACING: 'true' }) },
        ...VARIANTS.map((variant) => ({
          short: `monitored[${variant}]`,
          name: `\`@aiwire/webhooks\` + MonitoringModule, ${variant}`,
          run: () => measure(oursRedis, fillOurs, here('../monitoring/targets/aiwire-monitored-worker.js'), { SECRET, ...envOf(variant) }),
        })),
      ]
    : []),
];
if (PAIRED) {
  await pairedRuns();
  await intakeApp.close();
  for (const server of [oursRedis, plainRedis]) {
    server.redis.disconnect();
    await stop(server.child);
  }
  process.exit(0);
}

/** `KEY=value KEY2=value` as an env. */
function envOf(variant: string): Record<string, string> {
  return Object.fromEntries(variant.split(' ').filter(Boolean).map((kv) => kv.split('=') as [string, string]));
}

/** Copies every key of one private Redis to another (MIGRATE ... COPY): two identical queues. */
async function copyKeys(from: Redis, toUrl: string): Promise<void> {
  const port = new URL(toUrl).port;
  const keys = await from.keys('*');
  for (let i = 0; i < keys.length; i += 1000) await from.call('MIGRATE', '127.0.0.1', port, '', '0', '10000', 'COPY', 'REPLACE', 'KEYS', ...keys.slice(i, i + 1000));
}

/**
 * --paired: per run, aiwire's queue is filled through the intake and copied to a second Redis; the
 * two queues are paused (Bull's global pause), aiwire alone and aiwire + MonitoringModule start on
 * core 0, and once both are ready both queues resume. Each worker reports its own CPU time per timed job.
 */
async function pairedRuns(): Promise<void> {
  const monitoredEnv = { SECRET, ...envOf(VARIANTS[0] ?? '') };
  const pairs: { alone: Drained; monitored: Drained }[] = [];
  for (let run = 1; run <= RUNS; run++) {
    await oursRedis.redis.flushall();
    await plainRedis.redis.flushall();
    await fillOurs();
    await copyKeys(oursRedis.redis, plainRedis.url);
    // Each server serves each worker every other run.
    const [aloneServer, monitoredServer] = run % 2 === 1 ? [oursRedis, plainRedis] : [plainRedis, oursRedis];
    const queues = [aloneServer, monitoredServer].map((server) => new Bull(WEBHOOK_QUEUE_NAME, server.url, { prefix: 'bench' }));
    await Promise.all(queues.map((queue) => queue.pause()));
    const alone = startWorker(here('./targets/aiwire-worker.js'), { REDIS_URL: aloneServer.url, PREFIX: 'bench', SECRET });
    const monitored = startWorker(here('../monitoring/targets/aiwire-monitored-worker.js'), { REDIS_URL: monitoredServer.url, PREFIX: 'bench', ...monitoredEnv });
    await Promise.all([alone.ready, monitored.ready]);
    await Promise.all(queues.map((queue) => queue.resume()));
    const [a, m] = await Promise.all([alone.done, monitored.done]);
    await Promise.all([stopWorker(alone.child), stopWorker(monitored.child), ...queues.map((queue) => queue.close())]);
    pairs.push({ alone: a, monitored: m });
    console.error(`run ${run}: alone ${round(a.cpuUsPerJob, 1)} µs/job (${Math.round(a.jobsPerSecond)} jobs/s), monitored ${round(m.cpuUsPerJob, 1)} µs/job (${Math.round(m.jobsPerSecond)} jobs/s): ${round(a.cpuUsPerJob / m.cpuUsPerJob)} by CPU`);
  }
  const byCpu = pairs.map((p) => p.alone.cpuUsPerJob / p.monitored.cpuUsPerJob);
  const byRate = pairs.map((p) => p.monitored.jobsPerSecond / p.alone.jobsPerSecond);
  const med = (f: (p: (typeof pairs)[number]) => number) => median(pairs.map(f));
  console.log(`\n${machine()}; --paired: ${RUNS} runs × ${N} timed jobs after ${WARMUP} warm-up jobs, both workers at once on core 0, concurrency 10, no-op handler, ~1 KiB events`);
  console.log(`monitored: MonitoringModule (logs at info, metrics)${VARIANTS[0] ? `, ${VARIANTS[0]}` : ''}\n`);
  console.log('| worker | worker CPU µs/job (median) | jobs/s (median) |\n|---|---|---|');
  console.log(`| \`@aiwire/webhooks\` alone | ${round(med((p) => p.alone.cpuUsPerJob), 1)} | ${Math.round(med((p) => p.alone.jobsPerSecond))} |`);
  console.log(`| + MonitoringModule | ${round(med((p) => p.monitored.cpuUsPerJob), 1)} | ${Math.round(med((p) => p.monitored.jobsPerSecond))} |`);
  console.log(`\nwith MonitoringModule / without, by worker CPU per job: per run ${byCpu.map((r) => round(r)).join(', ')}; median ${round(median(byCpu))} (target ≥ 0.90)`);
  console.log(`by jobs/s (both shared core 0): per run ${byRate.map((r) => round(r)).join(', ')}; median ${round(median(byRate))}`);
}

const results: Measured[][] = workers.map(() => []);
const selected = (i: number) => ONLY === undefined || ONLY.includes(i);
for (let run = 1; run <= RUNS; run++) {
  // Each run starts with a different worker, so a drift in the machine's load favours none.
  for (let k = 0; k < workers.length; k++) {
    const i = (run - 1 + k) % workers.length;
    if (!selected(i)) continue;
    results[i]!.push(await workers[i]!.run());
    // Left in aiwire's Redis once its executions ran: the de-dup keys (the flush before its fill emptied the rest).
    if (i === 1) memory.remembered.push((await usedMemory() - emptyRedis) / TOTAL);
  }
  const rows = workers.flatMap((w, i) => (selected(i) ? [[w.short, results[i]!.at(-1)!] as const] : []));
  const ratio = selected(0) && selected(1) ? `; aiwire/plain ${round(results[1]!.at(-1)!.jobsPerSecond / results[0]!.at(-1)!.jobsPerSecond)}` : '';
  console.error(`run ${run}: ${rows.map(([n, r]) => `${n} ${Math.round(r.jobsPerSecond)} jobs/s (CPU/job: worker ${round(r.cpuUsPerJob, 1)} µs, Redis ${round(r.redisUsPerJob, 1)} µs)`).join(', ')}${ratio}`);
}
await intakeApp.close();
for (const server of [oursRedis, plainRedis]) {
  server.redis.disconnect();
  await stop(server.child);
}

const med = (i: number, f: (m: Measured) => number) => median(results[i]!.map(f));
const jps = (i: number) => med(i, (m) => m.jobsPerSecond);
const perRun = (a: number, b: number) => results[a]!.map((m, run) => m.jobsPerSecond / results[b]![run]!.jobsPerSecond);
console.log(`\n${machine()}; ${RUNS} runs × ${N} timed jobs after ${WARMUP} warm-up jobs, concurrency 10, no-op handler, ~1 KiB events\n`);
console.log('| worker | jobs/s (median) | worker CPU µs/job (median) | Redis CPU µs/job (median) |\n|---|---|---|---|');
for (const [i, w] of workers.entries()) if (selected(i)) console.log(`| ${w.name} | ${Math.round(jps(i))} | ${round(med(i, (m) => m.cpuUsPerJob), 1)} | ${round(med(i, (m) => m.redisUsPerJob), 1)} |`);
const cpuPerRun = (a: number, b = 0) => results[a]!.map((m, run) => results[b]![run]!.cpuUsPerJob / m.cpuUsPerJob);
const both = (a: number, b: number) => selected(a) && selected(b);
if (both(0, 1)) {
  console.log(`\nratio aiwire / plain Bull = ${round(jps(1) / jps(0))} (of the medians); per run: ${perRun(1, 0).map((r) => round(r)).join(', ')} (median ${round(median(perRun(1, 0)))})`);
  console.log(`worker CPU per job, plain Bull / aiwire = ${round(med(0, (m) => m.cpuUsPerJob) / med(1, (m) => m.cpuUsPerJob))} (of the medians); per run: ${cpuPerRun(1).map((r) => round(r)).join(', ')} (median ${round(median(cpuPerRun(1)))})`);
}
if (both(0, 3)) console.log(`aiwire given an ioredis 6 client / plain Bull = ${round(jps(3) / jps(0))} in jobs/s (per-run median ${round(median(perRun(3, 0)))}), ${round(med(0, (m) => m.cpuUsPerJob) / med(3, (m) => m.cpuUsPerJob))} in jobs per worker CPU-second (per-run median ${round(median(cpuPerRun(3)))})`);
if (both(0, 1) && selected(2)) console.log(`aiwire / Bull on aiwire's connections and jobs = ${round(jps(1) / jps(2))} (aiwire's dispatch); that Bull / plain Bull = ${round(jps(2) / jps(0))} (client and job format)`);
if (MONITORING) {
  if (both(1, 4)) console.log(`with MonitoringModule / without = ${round(jps(4) / jps(1))} in jobs/s (per-run median ${round(median(perRun(4, 1)))}), ${round(med(1, (m) => m.cpuUsPerJob) / med(4, (m) => m.cpuUsPerJob))} by worker CPU per job (per-run median ${round(median(cpuPerRun(4, 1)))}; target: ≤ 10 % fewer)`);
  for (let i = 6; i < workers.length; i++) if (both(1, i)) console.log(`${workers[i]!.short} / without = ${round(med(1, (m) => m.cpuUsPerJob) / med(i, (m) => m.cpuUsPerJob))} by worker CPU per job (per-run median ${round(median(cpuPerRun(i, 1)))}, best run ${round(Math.max(...cpuPerRun(i, 1)))})`);
  if (both(1, 5)) console.log(`with tracing on too / without = ${round(jps(5) / jps(1))} in jobs/s (per-run median ${round(median(perRun(5, 1)))}), ${round(med(1, (m) => m.cpuUsPerJob) / med(5, (m) => m.cpuUsPerJob))} by worker CPU per job (per-run median ${round(median(cpuPerRun(5, 1)))})`);
}
if (resent > 0) console.log(`(the intake answered 503 to ${resent} deliveries under load; they were re-sent)`);
if (selected(1)) console.log(`Redis memory: ${Math.round(median(memory.queued))} B per queued event (1 handler), ${Math.round(median(memory.remembered))} B per processed event (its de-dup key, 72 h)`);
