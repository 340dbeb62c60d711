import { Controller, HttpCode, Inject, Param, Post, Req, Res, type Type } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { WebhookIntakeService } from './intake/webhook-intake.service.js';

/** The parts of an Express or Fastify request the intake reads. */
interface RequestLike {
  readonly rawBody?: Buffer;
  readonly body?: unknown;
  readonly headers: IncomingHttpHeaders;
  readonly ip?: string;
}

/**
 * The intake route `POST /{prefix}/:source`. A class per prefix, because Nest reads a
 * controller's path from its decorator; the work itself is in WebhookIntakeService.
 */
export function createWebhookController(prefix: string): Type<unknown> {
  @Controller(prefix)
  class WebhookController {
    constructor(
      @Inject(WebhookIntakeService) private readonly intake: WebhookIntakeService,
      @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    ) {}

    @Post(':source')
    @HttpCode(202)
    async receive(@Param('source') source: string, @Req() req: RequestLike, @Res() res: unknown): Promise<void> {
      const reply = await this.intake.receive({
        source,
        rawBody: await rawBodyOf(req, this.intake.readLimit),
        headers: req.headers,
        ip: req.ip,
        parsedBody: req.body,
      });
      const adapter = this.adapterHost.httpAdapter;
      if (reply.headers) for (const name in reply.headers) adapter.setHeader(res, name, reply.headers[name] as string);
      adapter.reply(res, reply.body, reply.status);
    }
  }
  return WebhookController;
}

/**
 * Nest keeps `rawBody` only for the content types it parses (JSON, urlencoded). Anything else
 * arrives unparsed: Express leaves the stream unread, Fastify hands over a string.
 */
async function rawBodyOf(req: RequestLike, limit: number): Promise<Buffer | undefined> {
  if (Buffer.isBuffer(req.rawBody)) return req.rawBody;
  if (typeof req.body === 'string') return Buffer.from(req.body, 'utf8');
  const stream = req as unknown as Partial<Readable>;
  if (req.body !== undefined && !isEmptyObject(req.body)) return undefined;
  if (typeof stream.on !== 'function' || !stream.readable || stream.readableEnded) return undefined;
  return readStream(stream as Readable, limit);
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

/** Reads at most `limit + 1` bytes (enough to answer 413) and drains the rest. */
async function readStream(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    if (size <= limit) chunks.push(buffer);
    size += buffer.length;
  }
  return Buffer.concat(chunks);
}
