// Webhook intake throughput: (f) node:http reading the body and answering 200 (the ceiling), (a) node:http by hand, (b) Nest+Express by hand, (e) Nest+Fastify by
// hand, (c) @aiwire/webhooks on Fastify, (d) on Express — as a user wires them (mount 'server', the
// default) and with mount 'controller'. Same signed 1 KiB Stripe event with a fresh id per request, 50
// connections, target on core 0, load generator + private Redis on core 1, rounds interleaved,
// Redis flushed before each target.
// Run: npm run bench:webhooks -- [--runs 3] [--duration 10] [--only a,c] [--extra ./old-target.js] [--profile dir]
import autocannon from 'autocannon';
import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { machine } from '../lib/machine.js';
import { listArg, numberArg } from '../lib/args.js';
import { cpuSeconds, freePort, startPinned, startRedis, stop } from '../lib/processes.js';
import { median, round } from '../lib/stats.js';

const RUNS = numberArg('runs', 3);
const DURATION = numberArg('duration', 10);
const profileAt = process.argv.indexOf('--profile');
/** --profile <dir>: each target run writes a .cpuprofile there (node --cpu-prof, warm-up included). */
const PROFILE_DIR = profileAt === -1 ? undefined : process.argv[profileAt + 1];
const SECRET = 'whsec_bench_0123456789';
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const allTargets = [
  { key: 'f', name: '(f) node:http: read the body, 200', script: here('./targets/read-and-200.js'), args: [], answers200: true },
  { key: 'a', name: '(a) node:http by hand', script: here('./targets/raw-node.js'), args: [] },
  { key: 'b', name: '(b) Nest+Express by hand', script: here('./targets/nest-hand.js'), args: ['express'] },
  { key: 'e', name: '(e) Nest+Fastify by hand', script: here('./targets/nest-hand.js'), args: ['fastify'] },
  { key: 'c', name: '(c) @aiwire/webhooks Fastify', script: here('./targets/aiwire.js'), args: ['fastify'] },
  { key: 'd', name: '(d) @aiwire/webhooks Express', script: here('./targets/aiwire.js'), args: ['express'] },
  { key: 'cc', name: "(c') @aiwire/webhooks Fastify, mount 'controller'", script: here('./targets/aiwire.js'), args: ['fastify', 'controller'] },
  { key: 'dc', name: "(d') @aiwire/webhooks Express, mount 'controller'", script: here('./targets/aiwire.js'), args: ['express', 'controller'] },
] as const;
const only = listArg('only');
// --extra a.js,b.js: more targets (x1, x2, …), e.g. a copy of (c) on an earlier build, so a change is
// measured against its baseline in the same run. Each gets the same env and argv as (c).
const extra = (listArg('extra') ?? []).map((script, i) => ({ key: `x${i + 1}`, name: `(x${i + 1}) ${script}`, script, args: ['fastify'] }));
const targets = [...allTargets.filter((t) => !only || only.includes(t.key)), ...extra];

const BODY_BYTES = 1024;
const SIGNATURE_BYTES = 't=0000000000,v1='.length + 64;

/**
 * Stripe events of exactly 1024 bytes, each with a fresh id, signed as Stripe signs them, ahead
 * of time: the load generator's core goes to sending, not to HMACs. They live off the JS heap
 * (two Buffers), because a heap of half a million strings made the generator's GC the bottleneck.
 */
class SignedPool {
  private readonly bodies: Buffer;
  private readonly signatures: Buffer;

  constructor(readonly size: number, seed: number) {
    this.bodies = Buffer.alloc(size * BODY_BYTES);
    this.signatures = Buffer.alloc(size * SIGNATURE_BYTES);
    const t = Math.floor(Date.now() / 1000);
    for (let i = 0; i < size; i++) {
      const seq = seed + i;
      const base = { id: `evt_${process.pid}_${seq}_${Date.now()}`, object: 'event', type: 'payment_intent.succeeded', data: { object: { id: `pi_${seq}`, amount: 4200, pad: '' } } };
      base.data.object.pad = 'x'.repeat(BODY_BYTES - Buffer.byteLength(JSON.stringify(base)));
      const body = JSON.stringify(base);
      this.bodies.write(body, i * BODY_BYTES, 'latin1');
      this.signatures.write(`t=${t},v1=${createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex')}`, i * SIGNATURE_BYTES, 'latin1');
    }
  }

  request(i: number): { body: Buffer; headers: Record<string, string> } {
    const j = i % this.size;
    return {
      body: this.bodies.subarray(j * BODY_BYTES, (j + 1) * BODY_BYTES),
      headers: { 'content-type': 'application/json', 'stripe-signature': this.signatures.toString('latin1', j * SIGNATURE_BYTES, (j + 1) * SIGNATURE_BYTES) },
    };
  }
}

// Enough fresh ids for 35 k req/s over warm-up + run; any 200 duplicate answer is counted and
// reported below.
const POOL_SIZE = Number(process.env.POOL_SIZE ?? 35_000 * (DURATION + 2));
let pool: SignedPool;
/** Next pool entry; runs on from the warm-up into the measured run, so neither repeats the other. */
let next = 0;

async function load(url: string, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections: 50,
    duration: seconds,
    requests: [{ method: 'POST', path: '/webhooks/stripe', setupRequest: (req) => ({ ...req, ...pool.request(next++) }) as typeof req }],
  });
}

const { url: redisUrl, child: redisChild, redis } = await startRedis(1);
const results: Record<string, { rps: number[]; cpuUs: number[]; p50: number[]; p99: number[]; non2xx: number; duplicates: number }> = {};
for (let run = 1; run <= RUNS; run++) {
  for (const target of targets) {
    await redis.flushall();
    pool = new SignedPool(POOL_SIZE, run * POOL_SIZE);
    next = 0;
    // Another process may take the free port before the target listens on it: try another.
    let port = 0;
    let child: Awaited<ReturnType<typeof startPinned>> | undefined;
    for (let attempt = 1; !child; attempt++) {
      port = await freePort();
      child = await startPinned(0, target.script, { REDIS_URL: redisUrl, PORT: String(port), SECRET, PREFIX: 'bench' }, [...target.args], PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR, '--cpu-prof-name', `${target.key}-run${run}.cpuprofile`] : []).catch((error: unknown) => {
        if (attempt >= 3) throw error;
        return undefined;
      });
    }
    await load(`http://127.0.0.1:${port}`, 2); // warm-up: JIT, connections, scripts loaded
    const cpuBefore = cpuSeconds(child.pid!);
    const r = await load(`http://127.0.0.1:${port}`, DURATION);
    const cpuUs = ((cpuSeconds(child.pid!) - cpuBefore) * 1e6) / (r.requests.total || 1);
    await stop(child, PROFILE_DIR ? 'SIGINT' : 'SIGKILL');
    const entry = (results[target.key] ??= { rps: [], cpuUs: [], p50: [], p99: [], non2xx: 0, duplicates: 0 });
    if (!('answers200' in target)) entry.duplicates += (r.statusCodeStats as Record<string, { count: number }>)['200']?.count ?? 0;
    entry.rps.push(r.requests.average);
    entry.cpuUs.push(cpuUs);
    entry.p50.push(r.latency.p50);
    entry.p99.push(r.latency.p99);
    entry.non2xx += r.non2xx + r.errors + r.timeouts;
    console.error(`run ${run} ${target.name}: ${r.requests.average} req/s, ${round(cpuUs, 1)} CPU µs/req, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}`);
  }
}
redis.disconnect();
await stop(redisChild);

const rps = (k: string) => median(results[k]!.rps);
console.log(`\n${machine()}; ${RUNS} runs × ${DURATION} s, 50 connections, 1 KiB signed Stripe event\n`);
console.log('| target | req/s (median) | server CPU µs/req (median) | p50 ms | p99 ms | non-2xx | 200 duplicates |\n|---|---|---|---|---|---|---|');
for (const t of targets) {
  const e = results[t.key]!;
  console.log(`| ${t.name} | ${Math.round(rps(t.key))} | ${round(median(e.cpuUs), 1)} | ${median(e.p50)} | ${median(e.p99)} | ${e.non2xx} | ${e.duplicates} |`);
}
const has = (...keys: string[]) => keys.every((k) => results[k]);
const cpu = (k: string) => median(results[k]!.cpuUs);
/** req/s ratio, and the inverse ratio of CPU per request (the steadier one on a shared machine). */
const ratio = (label: string, x: string, y: string, note = '') =>
  has(x, y) && console.log(`${label} = ${round(rps(x) / rps(y))} by req/s, ${round(cpu(y) / cpu(x))} by CPU per request${note}`);
console.log();
ratio('(c)/(a)', 'c', 'a', '  (target ≥ 1.0)');
ratio('(c)/(f)', 'c', 'f', '  (against reading the body and answering 200)');
ratio('(a)/(f)', 'a', 'f');
ratio('(d)/(b)', 'd', 'b', '  (target ≥ 0.9)');
ratio('(c)/(e)', 'c', 'e', '  (same framework by hand)');
ratio("(c')/(e)", 'cc', 'e', '  (controller mount)');
ratio("(d')/(b)", 'dc', 'b', '  (controller mount)');
for (const x of extra) for (const base of ['c', 'a', 'f']) ratio(`(${x.key})/(${base})`, x.key, base);
