// (b) a hand-written Nest controller doing (a)'s work: on Express, or on Fastify with argv[2] = 'fastify'.
import 'reflect-metadata';
import { Controller, Module, Post, Req, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { HandWrittenStore, verifyStripe } from '../hand-written.js';

const { REDIS_URL = '', PORT = '0', SECRET = '', PREFIX = 'bench' } = process.env;
const store = new HandWrittenStore(REDIS_URL, PREFIX);

/** Express' `res.status().json()` or Fastify's `reply.code().send()`. */
type Reply = { status?: (n: number) => { json: (b: unknown) => void }; code?: (n: number) => { send: (b: unknown) => void } };
const send = (res: Reply, status: number, body: unknown): void => {
  if (res.code) res.code(status).send(body);
  else res.status!(status).json(body);
};

@Controller('webhooks')
class StripeController {
  @Post('stripe')
  async receive(@Req() req: { rawBody?: Buffer; body: unknown; headers: Record<string, string | undefined> }, @Res() res: Reply): Promise<void> {
    const raw = req.rawBody!;
    if (!verifyStripe(raw, req.headers['stripe-signature'], SECRET)) return send(res, 401, { status: 'error' });
    const event = req.body as { id: string; type: string };
    try {
      const outcome = await store.accept({ id: event.id, type: event.type, payload: event });
      send(res, outcome === 'accepted' ? 202 : 200, { status: outcome, id: event.id });
    } catch {
      send(res, 503, { status: 'error' });
    }
  }
}

@Module({ controllers: [StripeController] })
class AppModule {}

const adapter = process.argv[2] === 'fastify' ? new FastifyAdapter() : new ExpressAdapter();
const app = await NestFactory.create(AppModule, adapter, { rawBody: true, logger: false });
await app.listen(Number(PORT), '127.0.0.1');
console.log('ready');
process.on('SIGINT', () => process.exit(0)); // lets --cpu-prof write its profile
