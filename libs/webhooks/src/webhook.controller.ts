import { Controller, HttpCode, Inject, Param, Post, Req, Res, type Type } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { WebhookIntakeService } from './intake/webhook-intake.service.js';
import { ControllerGate } from './intake/controller-gate.js';
import { DRAIN_FACTOR, readBody, type BodyRead } from './intake/request-body.js';
import { replies, type IntakeReply } from './intake/intake-replies.js';
import { intakeBase } from './intake/intake-path.js';
import { bodyReceived } from './intake/reply-writer.js';

/** The parts of an Express or Fastify request the intake reads. */
interface RequestLike {
  readonly rawBody?: Buffer;
  readonly body?: unknown;
  readonly headers: IncomingHttpHeaders;
  readonly ip?: string;
  /** Fastify's underlying request; Express' request is the IncomingMessage itself. */
  readonly raw?: IncomingMessage;
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
      @Inject(ApplicationConfig) appConfig: ApplicationConfig,
    ) {
      // Not a lifecycle hook: Nest registers its body parsers in init(), before onModuleInit, and
      // the gate must come first. init$ fires when the adapter is set — before this constructor
      // with NestFactory.create (replayed here), after it with @nestjs/testing — and before init().
      let base: string | undefined;
      const gate = new ControllerGate(intake, () => (base ??= intakeBase(appConfig.getGlobalPrefix(), prefix)));
      adapterHost.init$.subscribe(() => gate.install(adapterHost.httpAdapter));
    }

    @Post(':source')
    @HttpCode(202)
    async receive(@Param('source') sourceName: string, @Req() req: RequestLike, @Res() res: unknown): Promise<void> {
      const started = performance.now();
      // Source and caller first: nothing of the body is read for a request refused anyway.
      const admitted = this.intake.admit(sourceName, req.ip);
      if ('status' in admitted) return this.send(res, this.intake.refused(sourceName, admitted, started), !bodyPending(req));
      const read = await rawBodyOf(req, admitted.maxBodyBytes);
      if (read.kind === 'aborted') return;
      if (read.kind === 'too-large') return this.send(res, this.intake.refused(sourceName, replies.tooLarge(admitted.maxBodyBytes), started), read.drained);
      const rawBody = read.kind === 'body' ? read.body : undefined;
      this.send(res, await this.intake.complete(admitted, rawBody, req.headers, started, req.body), true);
    }

    /** `keepAlive: false` closes the connection after the answer, so an unread body is never read. */
    private send(res: unknown, reply: IntakeReply, keepAlive: boolean): void {
      const adapter = this.adapterHost.httpAdapter;
      if (reply.headers) for (const name in reply.headers) adapter.setHeader(res, name, reply.headers[name] as string);
      if (!keepAlive) adapter.setHeader(res, 'connection', 'close');
      adapter.reply(res, reply.body, reply.status);
    }
  }
  return WebhookController;
}

/**
 * Nest keeps `rawBody` only for the content types it parses (JSON, urlencoded). Anything else
 * arrives unparsed: Express leaves the stream unread (read here, cut off past the source's limit),
 * Fastify hands over a string. `missing`: the framework parsed the body without keeping its bytes.
 */
async function rawBodyOf(req: RequestLike, limit: number): Promise<BodyRead | { readonly kind: 'missing' }> {
  if (Buffer.isBuffer(req.rawBody)) return { kind: 'body', body: req.rawBody };
  if (typeof req.body === 'string') return { kind: 'body', body: Buffer.from(req.body, 'utf8') };
  if (req.body !== undefined && !isEmptyObject(req.body)) return { kind: 'missing' };
  const stream = req as unknown as Partial<IncomingMessage>;
  if (typeof stream.on !== 'function' || !stream.readable || stream.readableEnded) return { kind: 'missing' };
  return readBody(stream as IncomingMessage, limit, limit * DRAIN_FACTOR);
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

/** Whether some of the body is still unread (Express leaves types it does not parse to us). */
function bodyPending(req: RequestLike): boolean {
  const raw = req.raw ?? (req as unknown as IncomingMessage);
  return typeof raw.on === 'function' && !bodyReceived(raw);
}
