// Diagnostic worker: a bare Bull processor (concurrency 10, no-op) on @aiwire/webhooks' queue, with
// its connections (@aiwire/core's client factory: Bull's own ioredis) and the jobs its intake stored, but
// without its dispatch. aiwire against this isolates the cost of aiwire's own per-job code; this
// against plain Bull, the cost of the client and of the job format.
import Bull from 'bull';
import { createBullClientFactory } from '@aiwire/core';
import { executionCounter } from './worker-timing.js';

const { REDIS_URL = '', N = '0', WARMUP = '0', PREFIX = 'bench' } = process.env;
const queue = new Bull('webhooks', { prefix: PREFIX, createClient: createBullClientFactory({ url: REDIS_URL }) });
const executed = executionCounter(Number(N), Number(WARMUP));
void queue.process(10, async () => {
  executed();
});
await queue.isReady();
console.log('ready');
