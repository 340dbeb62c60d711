import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { OnWebhook, WebhookModule, type WebhookEvent } from '@aiwire/webhooks';
import { MonitoringModule } from '@aiwire/monitoring';

const { REDIS_URL = '', PORT = '0', SECRET = '', PREFIX = 'bench', WORKERS = 'false', LOG_FILE = '/dev/null' } = process.env;

@Injectable()
class PaymentHandlers {
  @OnWebhook('payment_intent.succeeded', { source: 'stripe' })
  async onPaid(_event: WebhookEvent): Promise<void> {}
}

/** Target (c) as a user wires it, plus MonitoringModule as the benchmark sets it. */
export async function startMonitoredIntake({ tracing }: { tracing: boolean }): Promise<void> {
  @Module({
    imports: [
      WebhookModule.forRoot({
        redis: { url: REDIS_URL },
        sources: { stripe: { scheme: 'stripe', secrets: [SECRET] } },
        workers: WORKERS === 'true',
        keyPrefix: PREFIX,
        queue: { prefix: PREFIX },
      }),
      MonitoringModule.forRoot({ logs: { level: 'info', destination: LOG_FILE }, metrics: true, tracing }),
    ],
    providers: [PaymentHandlers],
  })
  class AppModule {}

  const adapter = process.argv[2] === 'express' ? new ExpressAdapter() : new FastifyAdapter();
  const app = await NestFactory.create(AppModule, adapter, { rawBody: true, logger: false });
  await app.listen(Number(PORT), '127.0.0.1');
  console.log('ready');
  process.on('SIGINT', () => process.exit(0)); // lets --cpu-prof write its profile
}
