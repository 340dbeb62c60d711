// Plain Bull worker: concurrency 10, each job makes the five no-op calls of the flow directly;
// prints the time to process N jobs after WARMUP.
import Bull from 'bull';
import { executionCounter } from '../../webhooks/targets/worker-timing.js';
import { noop } from './noop.js';

const { REDIS_URL = '', N = '0', WARMUP = '0', PREFIX = 'bench' } = process.env;
const queue = new Bull('plain', REDIS_URL, { prefix: PREFIX });
const executed = executionCounter(Number(N), Number(WARMUP));
void queue.process(10, async () => {
  await noop();
  await noop();
  await noop();
  await noop();
  await noop();
  executed();
});
await queue.isReady();
console.log('ready');
