// @aiwire/webhooks worker process (no HTTP): concurrency 10, no-op handler; prints the time to
// run N executions after WARMUP.
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { OnWebhook, WebhookModule } from '@aiwire/webhooks';
import { executionCounter } from './worker-timing.js';

const { REDIS_URL = '', N = '0', WARMUP = '0', PREFIX = 'bench', SECRET = '' } = process.env;
const executed = executionCounter(Number(N), Number(WARMUP));

@Injectable()
class PaymentHandlers {
  @OnWebhook('payment_intent.succeeded', { source: 'stripe' })
  async onPaid(): Promise<void> {
    executed();
  }
}

@Module({
  imports: [WebhookModule.forRoot({ redis: { url: REDIS_URL }, sources: { stripe: { scheme: 'stripe', secrets: [SECRET] } }, keyPrefix: PREFIX, queue: { prefix: PREFIX }, concurrency: 10 })],
  providers: [PaymentHandlers],
})
class WorkerModule {}

await NestFactory.createApplicationContext(WorkerModule, { logger: false });
console.log('ready');
