// (b) a hand-written Nest controller on Express doing (a)'s work.
import 'reflect-metadata';
import { Controller, Module, Post, Req, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { HandWrittenStore, verifyStripe } from '../hand-written.js';

const { REDIS_URL = '', PORT = '0', SECRET = '', PREFIX = 'bench' } = process.env;
const store = new HandWrittenStore(REDIS_URL, PREFIX);

@Controller('webhooks')
class StripeController {
  @Post('stripe')
  async receive(@Req() req: Request & { rawBody?: Buffer }, @Res() res: Response): Promise<void> {
    const raw = req.rawBody!;
    if (!verifyStripe(raw, req.headers['stripe-signature'] as string | undefined, SECRET)) {
      res.status(401).json({ status: 'error' });
      return;
    }
    const event = req.body as { id: string; type: string };
    try {
      const outcome = await store.accept({ id: event.id, type: event.type, payload: event });
      res.status(outcome === 'accepted' ? 202 : 200).json({ status: outcome, id: event.id });
    } catch {
      res.status(503).json({ status: 'error' });
    }
  }
}

@Module({ controllers: [StripeController] })
class AppModule {}

const app = await NestFactory.create(AppModule, new ExpressAdapter(), { rawBody: true, logger: false });
await app.listen(Number(PORT), '127.0.0.1');
console.log('ready');
