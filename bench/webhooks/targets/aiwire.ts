// (c)/(d) @aiwire/webhooks, exactly as a user wires it, on Fastify or Express (argv[2]); argv[3]
// 'controller' mounts the intake as a Nest controller instead of on the server (the default).
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { OnWebhook, WebhookModule, type WebhookEvent } from '@aiwire/webhooks';

const { REDIS_URL = '', PORT = '0', SECRET = '', PREFIX = 'bench', WORKERS = 'false' } = process.env;
const mount = process.argv[3] === 'controller' ? 'controller' : 'server';

@Injectable()
class PaymentHandlers {
  @OnWebhook('payment_intent.succeeded', { source: 'stripe' })
  async onPaid(_event: WebhookEvent): Promise<void> {}
}

@Module({
  imports: [
    WebhookModule.forRoot({
      redis: { url: REDIS_URL },
      sources: { stripe: { scheme: 'stripe', secrets: [SECRET] } },
      workers: WORKERS === 'true',
      keyPrefix: PREFIX,
      queue: { prefix: PREFIX },
      mount,
    }),
  ],
  providers: [PaymentHandlers],
})
class AppModule {}

const adapter = process.argv[2] === 'express' ? new ExpressAdapter() : new FastifyAdapter();
const app = await NestFactory.create(AppModule, adapter, { rawBody: true, logger: false });
await app.listen(Number(PORT), '127.0.0.1');
console.log('ready');
process.on('SIGINT', () => process.exit(0)); // lets --cpu-prof write its profile
