import { Controller, HttpCode, Inject, Param, Post, Req, Res, type Type } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { WebhookIntakeService, type IncomingDelivery } from './intake/webhook-intake.service.js';
import { ControllerGate } from './intake/controller-gate.js';
import type { IntakeReply } from './intake/intake-replies.js';
import { intakeBase } from './intake/intake-path.js';

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
 * controller's path from its decorator; the work itself is WebhookIntakeService's `receive`.
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
    async receive(@Param('source') source: string, @Req() req: RequestLike, @Res() res: unknown): Promise<void> {
      const reply = await this.intake.receive(delivery(source, req));
      if (reply) this.send(res, reply);
    }

    private send(res: unknown, reply: IntakeReply): void {
      const adapter = this.adapterHost.httpAdapter;
      if (reply.headers) for (const name in reply.headers) adapter.setHeader(res, name, reply.headers[name] as string);
      if (reply.closeConnection) adapter.setHeader(res, 'connection', 'close');
      adapter.reply(res, reply.body, reply.status);
    }
  }
  return WebhookController;
}

/**
 * Where the framework left the body. Nest keeps `rawBody` only for the content types it parses
 * (JSON, urlencoded). Anything else arrives unparsed: Express leaves the stream unread (the intake
 * reads it, within the source's limit), Fastify hands over a string. A body parsed without its
 * bytes kept, or any body Fastify took, cannot be read again.
 */
function delivery(source: string, req: RequestLike): IncomingDelivery {
  const rawBody = Buffer.isBuffer(req.rawBody) ? req.rawBody : typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : undefined;
  const isStream = typeof (req as Partial<IncomingMessage>).on === 'function';
  const request = isStream ? (req as unknown as IncomingMessage) : req.raw;
  const parsedWithoutBytes = req.body !== undefined && !isEmptyObject(req.body);
  return { source, headers: req.headers, ip: req.ip, rawBody, parsedBody: req.body, request, bodyTaken: !isStream || parsedWithoutBytes };
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}
