// What MonitoringModule's logs and metrics cost per webhook message, in-process: an app context with
// MonitoringModule.forRoot({ logs: { level: 'info', destination: '/dev/null', secrets }, metrics: true })
// and aiwire's diagnostics channels published to as the intake (one message per request) and the
// worker (one per job) publish them. The baseline, timed in the same rounds, is the same publish
// with nothing subscribed. Prints ns per message (median of the rounds).
// Run: npm run bench:build && taskset -c 1 node bench/dist/monitoring/lines.bench.js [--rounds 7] [--messages 200000]
// Another build's copy of this file, run the same way and interleaved, is the baseline for a change.
import 'reflect-metadata';
import { channel } from 'node:diagnostics_channel';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MonitoringModule } from '@aiwire/monitoring';
import { numberArg } from '../lib/args.js';
import { median, round } from '../lib/stats.js';

const ROUNDS = numberArg('rounds', 7);
const MESSAGES = numberArg('messages', 200_000);
const WARMUP = 50_000;

const intakeMessage = (i: number) => ({ source: 'stripe', status: 202, outcome: 'accepted', eventId: `evt_1Pq${i}XyZabcdEFGH`, type: 'payment_intent.succeeded', durationMs: 1.234 });
const executionMessage = (i: number) => ({ source: 'stripe', eventId: `evt_1Pq${i}XyZabcdEFGH`, type: 'payment_intent.succeeded', handler: 'PaymentHandlers.onPaid', attempt: 1, outcome: 'completed', durationMs: 3.21 });

/** ns per publish of `count` messages made by `make` on `name` (the messages are made ahead). */
function time(name: string, make: (i: number) => object, count: number): number {
  const ch = channel(name);
  const messages = Array.from({ length: count }, (_, i) => make(i));
  const start = process.hrtime.bigint();
  for (const m of messages) ch.publish(m);
  return Number(process.hrtime.bigint() - start) / count;
}

@Module({
  imports: [
    MonitoringModule.forRoot({
      // The secrets an app with Stripe, Shopify and OpenAI configured would have the censor look for.
      logs: { level: 'info', destination: '/dev/null', secrets: ['whsec_bench_0123456789abcdef', 'shpss_0123456789abcdef0123456789ab', 'sk-proj-0123456789abcdefghijklmnop'] },
      metrics: true,
    }),
  ],
})
class MonitoredApp {}

const results: Record<string, number[]> = { 'intake, nothing subscribed': [], 'intake, monitoring': [], 'execution, nothing subscribed': [], 'execution, monitoring': [] };
for (const [name, make] of [['aiwire:webhook:intake', intakeMessage], ['aiwire:webhook:execution', executionMessage]] as const) time(name, make, WARMUP);
const app = await NestFactory.createApplicationContext(MonitoredApp, { logger: false });
await app.init();
for (const [name, make] of [['aiwire:webhook:intake', intakeMessage], ['aiwire:webhook:execution', executionMessage]] as const) time(name, make, WARMUP);
await app.close();

// Each round: the two channels with nothing subscribed, then with a fresh monitored app.
for (let round = 0; round < ROUNDS; round++) {
  results['intake, nothing subscribed']!.push(time('aiwire:webhook:intake', intakeMessage, MESSAGES));
  results['execution, nothing subscribed']!.push(time('aiwire:webhook:execution', executionMessage, MESSAGES));
  const monitored = await NestFactory.createApplicationContext(MonitoredApp, { logger: false });
  await monitored.init();
  results['intake, monitoring']!.push(time('aiwire:webhook:intake', intakeMessage, MESSAGES));
  results['execution, monitoring']!.push(time('aiwire:webhook:execution', executionMessage, MESSAGES));
  await monitored.close();
}

console.log(`Node ${process.version}, ${ROUNDS} rounds × ${MESSAGES} messages`);
console.log('| message | ns per publish (median) | per round |\n|---|---|---|');
for (const [name, values] of Object.entries(results)) console.log(`| ${name} | ${round(median(values), 0)} | ${values.map((v) => round(v, 0)).join(', ')} |`);
for (const kind of ['intake', 'execution']) {
  console.log(`${kind}: monitoring costs ${round((median(results[`${kind}, monitoring`]!) - median(results[`${kind}, nothing subscribed`]!)) / 1000, 2)} µs a message`);
}
