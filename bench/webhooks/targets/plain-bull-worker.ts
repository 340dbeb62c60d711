// Plain Bull worker: concurrency 10, no-op processor; prints the time to process N jobs.
import Bull from 'bull';

const { REDIS_URL = '', N = '0', PREFIX = 'bench' } = process.env;
const queue = new Bull('plain', REDIS_URL, { prefix: PREFIX });
let done = 0;
let first = 0;
void queue.process(10, async () => {
  if (done === 0) first = performance.now();
  if (++done === Number(N)) console.log(`done ${performance.now() - first}`);
});
await queue.isReady();
console.log('ready');
