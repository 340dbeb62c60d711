// The @aiwire/webhooks worker target (concurrency 10, no-op handler) with MonitoringModule on as the
// issue's benchmark sets it: logs at info (one line per execution, to LOG_FILE, default /dev/null),
// metrics, tracing off (TRACING=true: on, with the OpenTelemetry SDK registered, spans dropped).
// To split the cost when profiling: LOGS=false or METRICS=false turns a part off (LEVEL=warn: logs on,
// no line written for a completed job); CORRELATION=true
// enables correlation ids even when no part needs them (CORRELATION=pinned: also keeps their store on
// for good, as any `runWithCorrelation` without `{ task: true }` does).
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { OnWebhook, WebhookModule } from '@aiwire/webhooks';
import { MonitoringModule, type MonitoringLogLevel } from '@aiwire/monitoring';
import { enableCorrelation, runWithCorrelation } from '@aiwire/core';
import { executionCounter } from '../../webhooks/targets/worker-timing.js';
import { registerDroppingTracer } from './dropping-tracer.js';

const { REDIS_URL = '', N = '0', WARMUP = '0', PREFIX = 'bench', SECRET = '', LOG_FILE = '/dev/null', LEVEL = 'info', TRACING = 'false', LOGS = 'true', METRICS = 'true', CORRELATION = 'false' } = process.env;
const executed = executionCounter(Number(N), Number(WARMUP));
const tracing = TRACING === 'true';
if (tracing) registerDroppingTracer();
if (CORRELATION !== 'false') enableCorrelation();
if (CORRELATION === 'pinned') runWithCorrelation({ correlationId: 'start-up' }, () => undefined);

@Injectable()
class PaymentHandlers {
  @OnWebhook('payment_intent.succeeded', { source: 'stripe' })
  async onPaid(): Promise<void> {
    executed();
  }
}

@Module({
  imports: [
    WebhookModule.forRoot({ redis: { url: REDIS_URL }, sources: { stripe: { scheme: 'stripe', secrets: [SECRET] } }, keyPrefix: PREFIX, queue: { prefix: PREFIX }, concurrency: 10 }),
    MonitoringModule.forRoot({ ...(LOGS === 'true' && { logs: { level: LEVEL as MonitoringLogLevel, destination: LOG_FILE } }), metrics: METRICS === 'true', tracing }),
  ],
  providers: [PaymentHandlers],
})
class WorkerModule {}

await NestFactory.createApplicationContext(WorkerModule, { logger: false });
console.log('ready');
