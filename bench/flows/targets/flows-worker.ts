// @aiwire/flows worker process: FlowsModule (concurrency 10) running the five-step flow; prints the
// time to complete N runs after WARMUP (counted when a run's flow function returns).
import { NestFactory } from '@nestjs/core';
import { executionCounter } from '../../webhooks/targets/worker-timing.js';
import { flowsAppModule, onFlowReturned } from './five-step-flow.js';

// AUTOPIPELINING=1: the same worker with ioredis' `enableAutoPipelining` on its connections (an option an
// app can pass today): the commands of the 10 concurrent runs issued in one tick go out in one write.
const { REDIS_URL = '', N = '0', WARMUP = '0', PREFIX = 'bench', AUTOPIPELINING = '' } = process.env;
onFlowReturned.fn = executionCounter(Number(N), Number(WARMUP));
await NestFactory.createApplicationContext(flowsAppModule(AUTOPIPELINING === '1' ? { url: REDIS_URL, enableAutoPipelining: true } : { url: REDIS_URL }, PREFIX, true), { logger: false });
console.log('ready');
