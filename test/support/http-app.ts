import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { INestApplication, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CapturingLogger } from './capturing-logger.js';

export type Platform = 'express' | 'fastify';
export const PLATFORMS: readonly Platform[] = ['express', 'fastify'];

export interface RunningApp {
  readonly app: INestApplication;
  readonly url: string;
  readonly logs: CapturingLogger;
  close(): Promise<void>;
}

/** Boots a host app the way a user's main.ts does, on a random loopback port. */
export async function startApp(
  platform: Platform,
  module: Type<unknown>,
  options: { rawBody?: boolean; jsonLimit?: string } = {},
): Promise<RunningApp> {
  const logs = new CapturingLogger();
  const adapter = platform === 'express' ? new ExpressAdapter() : new FastifyAdapter();
  const app = await NestFactory.create(module, adapter, { rawBody: options.rawBody ?? true, logger: logs, abortOnError: false });
  if (options.jsonLimit && platform === 'express') (app as NestExpressApplication).useBodyParser('json', { limit: options.jsonLimit });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, logs, close: () => app.close() };
}
