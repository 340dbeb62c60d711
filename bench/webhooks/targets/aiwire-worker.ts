// @aiwire/webhooks worker process (no HTTP): concurrency 10, no-op handler; prints the time to
// run N executions after WARMUP.
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Redis } from 'ioredis';
import { OnWebhook, WebhookModule } from '@aiwire/webhooks';
import { executionCounter } from './worker-timing.js';

// CLIENT=instance: the `redis` option is an ioredis 6 client, which Bull's connections duplicate
// (the connections aiwire opened before it used Bull's own ioredis for options).
const { REDIS_URL = '', N = '0', WARMUP = '0', PREFIX = 'bench', SECRET = '', CLIENT = 'options' } = process.env;
const executed = executionCounter(Number(N), Number(WARMUP));

@Injectable()
class PaymentHandlers {
  @OnWebhook('payment_intent.succeeded', { source: 'stripe' })
  async onPaid(): Promise<void> {
    executed();
  }
}

@Module({
  imports: [WebhookModule.forRoot({ redis: CLIENT === 'instance' ? new Redis(REDIS_URL, { lazyConnect: true }) : { url: REDIS_URL }, sources: { stripe: { scheme: 'stripe', secrets: [SECRET] } }, keyPrefix: PREFIX, queue: { prefix: PREFIX }, concurrency: 10 })],
  providers: [PaymentHandlers],
})
class WorkerModule {}

await NestFactory.createApplicationContext(WorkerModule, { logger: false });
console.log('ready');
