// Latency of `flow.step(id, fn)` against `await fn()` inside a running flow, one run at a time on one
// worker (FlowsModule, concurrency 10): each run takes STEPS steps, each timed beside a direct call of
// the same no-op function; and the per-run fixed cost: start() → the flow function entered, and the
// flow function returned → its Bull job completed. Prints `result <json>` after RUNS timed runs.
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Queue } from 'bull';
import { Redis } from 'ioredis';
import { FLOWS_QUEUE, Flow, FlowsModule, FlowsService, type FlowContext } from '@aiwire/flows';
import { noop } from './noop.js';

const { REDIS_URL = '', PREFIX = 'bench', STEPS = '100', RUNS = '50', WARMUP = '5' } = process.env;
const steps = Number(STEPS);

/** What the timed runs measured, in µs. */
export interface OverheadSamples {
  /** Each `await flow.step(id, noop)`. */
  step: number[];
  /** Each `await noop()`, timed just before the step of the same position. */
  direct: number[];
  /** start() called → the flow function entered. */
  startToEntry: number[];
  /** start() called → start() resolved (the run stored and its job added). */
  startCall: number[];
  /** The flow function returned → its Bull job completed (the run stored completed, its lock released). */
  completion: number[];
  /** This process's CPU (user + system) over the timed runs, per step (the per-run work spread over STEPS steps). */
  cpuPerStep: number;
  /** Of which system (kernel) time: a round trip per step means a write, an epoll wake-up and a read. */
  systemCpuPerStep: number;
  /** The Redis's CPU over the timed runs, per step. */
  redisCpuPerStep: number;
}
const samples: OverheadSamples = { step: [], direct: [], startToEntry: [], startCall: [], completion: [], cpuPerStep: 0, systemCpuPerStep: 0, redisCpuPerStep: 0 };
let recording = false;
let entered = 0;
let returned = 0;

@Injectable()
class OverheadFlow {
  @Flow('overhead')
  async run(flow: FlowContext<{ n: number }>): Promise<void> {
    entered = performance.now();
    for (let i = 0; i < steps; i++) {
      const t0 = performance.now();
      await noop();
      const t1 = performance.now();
      await flow.step(`s${i}`, noop);
      const t2 = performance.now();
      if (recording) {
        samples.direct.push((t1 - t0) * 1000);
        samples.step.push((t2 - t1) * 1000);
      }
    }
    returned = performance.now();
  }
}

@Module({ imports: [FlowsModule.forRoot({ redis: { url: REDIS_URL }, keyPrefix: PREFIX, queue: { prefix: PREFIX }, concurrency: 10 })], providers: [OverheadFlow] })
class OverheadModule {}

const app = await NestFactory.createApplicationContext(OverheadModule, { logger: false });
const flows = app.get(FlowsService);
const queue = app.get<Queue<{ runId: string }>>(FLOWS_QUEUE);
const waiting = new Map<string, () => void>();
queue.on('completed', (job: { data: { runId: string } }) => waiting.get(job.data.runId)?.());

const info = new Redis(REDIS_URL);
const redisCpuUs = async (): Promise<number> => {
  const text = await info.info('cpu');
  return (Number(/used_cpu_user:([\d.]+)/.exec(text)![1]) + Number(/used_cpu_sys:([\d.]+)/.exec(text)![1])) * 1e6;
};
const total = Number(WARMUP) + Number(RUNS);
let cpu: NodeJS.CpuUsage | undefined;
let redisBefore = 0;
for (let n = 0; n < total; n++) {
  recording = n >= Number(WARMUP);
  if (n === Number(WARMUP)) {
    redisBefore = await redisCpuUs();
    cpu = process.cpuUsage();
  }
  const id = `overhead-${process.pid}-${n}`;
  const completed = new Promise<void>((resolve) => waiting.set(id, resolve));
  const t0 = performance.now();
  await flows.start('overhead', { n }, { id });
  const t1 = performance.now();
  await completed;
  const t2 = performance.now();
  waiting.delete(id);
  if (recording) {
    samples.startCall.push((t1 - t0) * 1000);
    samples.startToEntry.push((entered - t0) * 1000);
    samples.completion.push((t2 - returned) * 1000);
  }
}
const used = process.cpuUsage(cpu);
samples.cpuPerStep = (used.user + used.system) / (Number(RUNS) * steps);
samples.systemCpuPerStep = used.system / (Number(RUNS) * steps);
samples.redisCpuPerStep = ((await redisCpuUs()) - redisBefore) / (Number(RUNS) * steps);
info.disconnect();
console.log(`result ${JSON.stringify(samples)}`);
await app.close();
process.exit(0);
