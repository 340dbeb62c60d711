// Worker throughput (no-op handler, concurrency 10) of @aiwire/webhooks against plain Bull with the
// same payloads, and Redis memory per stored event. Worker on core 0, Redis + filler on core 1.
// Run: npm run bench:webhooks:worker -- [--runs 3] [--jobs 20000]
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Bull from 'bull';
import { fileURLToPath } from 'node:url';
import { createHmac } from 'node:crypto';
import { OnWebhook, WebhookIntakeService, WebhookModule } from '@aiwire/webhooks';
import { machine } from '../lib/machine.js';
import { numberArg } from '../lib/args.js';
import { startRedis, stop } from '../lib/processes.js';
import { median, round } from '../lib/stats.js';
import { spawn } from 'node:child_process';

const RUNS = numberArg('runs', 3);
const N = numberArg('jobs', 20_000);
const SECRET = 'whsec_bench_worker';
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

function event(seq: number): { raw: Buffer; headers: Record<string, string> } {
  const body = JSON.stringify({ id: `evt_${seq}_${Date.now()}`, object: 'event', type: 'payment_intent.succeeded', data: { object: { id: `pi_${seq}`, amount: 4200, pad: 'x'.repeat(880) } } });
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex');
  return { raw: Buffer.from(body), headers: { 'content-type': 'application/json', 'stripe-signature': `t=${t},v1=${v1}` } };
}

/** Runs the worker script pinned to core 0 until it reports N jobs done; returns jobs/s. */
async function drain(script: string, env: Record<string, string>): Promise<number> {
  const child = spawn('taskset', ['-c', '0', process.execPath, script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const ms = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /done ([\d.]+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}: ${out}`)));
  });
  await stop(child);
  return (N / ms) * 1000;
}

@Injectable()
class PaymentHandlers {
  @OnWebhook('payment_intent.succeeded', { source: 'stripe' })
  async onPaid(): Promise<void> {}
}

const { url, child: redisChild, redis } = await startRedis(1);
const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);

@Module({
  imports: [WebhookModule.forRoot({ redis: { url }, sources: { stripe: { scheme: 'stripe', secrets: [SECRET] } }, keyPrefix: 'bench', queue: { prefix: 'bench' }, workers: false })],
  providers: [PaymentHandlers],
})
class IntakeModule {}
const intakeApp = await NestFactory.createApplicationContext(IntakeModule, { logger: ['error'] });
const intake = intakeApp.get(WebhookIntakeService);

const plain: number[] = [];
const ours: number[] = [];
const memory: { queued: number[]; remembered: number[] } = { queued: [], remembered: [] };
for (let run = 1; run <= RUNS; run++) {
  await redis.flushall();
  const queue = new Bull('plain', url, { prefix: 'bench' });
  for (let i = 0; i < N; i += 1000) {
    await queue.addBulk(Array.from({ length: Math.min(1000, N - i) }, (_, j) => {
      const e = event(i + j);
      return { data: { id: `p${i + j}`, source: 'stripe', type: 'payment_intent.succeeded', payload: JSON.parse(e.raw.toString()), headers: {}, receivedAt: new Date().toISOString() }, opts: { removeOnComplete: true } };
    }));
  }
  await queue.close();
  plain.push(await drain(here('./targets/plain-bull-worker.js'), { REDIS_URL: url, N: String(N), PREFIX: 'bench' }));

  await redis.flushall();
  const before = await usedMemory();
  for (let i = 0; i < N; i += 500) {
    await Promise.all(Array.from({ length: Math.min(500, N - i) }, (_, j) => {
      const e = event(i + j);
      return intake.receive({ source: 'stripe', rawBody: e.raw, headers: e.headers, ip: '127.0.0.1' });
    }));
  }
  const queued = await usedMemory();
  ours.push(await drain(here('./targets/aiwire-worker.js'), { REDIS_URL: url, N: String(N), PREFIX: 'bench', SECRET }));
  const remembered = await usedMemory();
  memory.queued.push((queued - before) / N);
  memory.remembered.push((remembered - before) / N);
  console.error(`run ${run}: plain Bull ${Math.round(plain.at(-1)!)} jobs/s, aiwire ${Math.round(ours.at(-1)!)} jobs/s, ${Math.round(memory.queued.at(-1)!)} B/queued event, ${Math.round(memory.remembered.at(-1)!)} B/remembered id`);
}
await intakeApp.close();
redis.disconnect();
await stop(redisChild);

console.log(`\n${machine()}; ${RUNS} runs × ${N} jobs, concurrency 10, no-op handler, ~1 KiB events\n`);
console.log('| worker | jobs/s (median) |\n|---|---|');
console.log(`| plain Bull 4 (queue.process) | ${Math.round(median(plain))} |\n| @aiwire/webhooks | ${Math.round(median(ours))} |`);
console.log(`\nratio aiwire / plain Bull = ${round(median(ours) / median(plain))}`);
console.log(`Redis memory: ${Math.round(median(memory.queued))} B per queued event (1 handler), ${Math.round(median(memory.remembered))} B per processed event (its de-dup key, 72 h)`);
