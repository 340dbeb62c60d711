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

const KINDS = [
  { kind: 'intake', name: 'aiwire:webhook:intake', make: intakeMessage },
  { kind: 'execution', name: 'aiwire:webhook:execution', make: executionMessage },
] as const;
const results = new Map(KINDS.flatMap(({ kind }) => [[`${kind}, nothing subscribed`, [] as number[]], [`${kind}, monitoring`, [] as number[]]]));
/** Times every kind's publish, into `${kind}, ${label}` (or only warms up when `label` is undefined). */
const timeAll = (label: string | undefined, count: number) => {
  for (const { kind, name, make } of KINDS) {
    const ns = time(name, make, count);
    if (label !== undefined) results.get(`${kind}, ${label}`)!.push(ns);
  }
};
/** Runs `measure` with a fresh monitored app subscribed, closed after. */
const monitored = async (measure: () => void) => {
  const app = await NestFactory.createApplicationContext(MonitoredApp, { logger: false });
  await app.init();
  measure();
  await app.close();
};

timeAll(undefined, WARMUP);
await monitored(() => timeAll(undefined, WARMUP));
// Each round: the channels with nothing subscribed, then with a fresh monitored app.
for (let round = 0; round < ROUNDS; round++) {
  timeAll('nothing subscribed', MESSAGES);
  await monitored(() => timeAll('monitoring', MESSAGES));
}

console.log(`Node ${process.version}, ${ROUNDS} rounds × ${MESSAGES} messages`);
console.log('| message | ns per publish (median) | per round |\n|---|---|---|');
for (const [name, values] of results) console.log(`| ${name} | ${round(median(values), 0)} | ${values.map((v) => round(v, 0)).join(', ')} |`);
for (const { kind } of KINDS) {
  console.log(`${kind}: monitoring costs ${round((median(results.get(`${kind}, monitoring`)!) - median(results.get(`${kind}, nothing subscribed`)!)) / 1000, 2)} µs a message`);
}
