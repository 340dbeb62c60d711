// Plain Bull worker: concurrency 10, no-op processor; prints the time to process N jobs after WARMUP.
import Bull from 'bull';
import { executionCounter } from './worker-timing.js';

const { REDIS_URL = '', N = '0', WARMUP = '0', PREFIX = 'bench' } = process.env;
const queue = new Bull('plain', REDIS_URL, { prefix: PREFIX });
const executed = executionCounter(Number(N), Number(WARMUP));
void queue.process(10, async () => {
  executed();
});
await queue.isReady();
console.log('ready');
