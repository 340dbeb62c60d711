import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { WebhookIntakeService } from './webhook-intake.service.js';
import { DRAIN_FACTOR, readBody } from './request-body.js';
import { clientAddress } from './client-address.js';
import { replies } from './intake-replies.js';
import { intakeBase, sourceSegment } from './intake-path.js';
import { bodyReceived, writeReply } from './reply-writer.js';
import { DEFAULT_WEBHOOK_OPTIONS as D, WEBHOOK_ROUTE } from '../webhook.constants.js';
import { MODULE_OPTIONS_TOKEN } from '../webhook.module-definition.js';
import { messages } from '../webhook.messages.js';
import type { WebhookModuleOptions, WebhookRoute } from '../interfaces/webhook-module-options.interface.js';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * `mount: 'server'`: takes `POST /{prefix}/{source}` for each configured source on the app's own
 * HTTP server, ahead of Express or Fastify, and hands every other request to them untouched — the
 * way engine.io shares a server. A path naming no configured source is the app's: its own route
 * answers it, or the framework's 404. The intake reads the exact bytes itself (no `rawBody`, no
 * body-parser limits) and skips the framework's per-request pipeline, which webhooks do not use.
 */
@Injectable()
export class WebhookHttpMount implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookHttpMount.name);
  private readonly trustProxy: boolean | number;
  private server: Server | undefined;
  private listener: RequestListener | undefined;
  private original: RequestListener[] = [];
  private base = '';

  constructor(
    private readonly intake: WebhookIntakeService,
    private readonly adapterHost: HttpAdapterHost,
    private readonly appConfig: ApplicationConfig,
    @Inject(WEBHOOK_ROUTE) private readonly route: WebhookRoute,
    @Inject(MODULE_OPTIONS_TOKEN) options: WebhookModuleOptions,
  ) {
    this.trustProxy = options.trustProxy ?? D.trustProxy;
  }

  onApplicationBootstrap(): void {
    // No HTTP adapter: a worker-only application context, nothing to take in.
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server || typeof server.listeners !== 'function') return;
    this.base = intakeBase(this.appConfig.getGlobalPrefix(), this.route.prefix);
    this.original = server.listeners('request') as RequestListener[];
    if (this.original.length === 0) this.logger.warn(messages.noFrameworkListener());
    const listener: RequestListener = (req, res) => {
      const source = req.method === 'POST' ? sourceSegment(req.url, this.base) : undefined;
      if (source === undefined || !this.intake.knows(source)) {
        for (const next of this.original) next.call(server, req, res);
        return;
      }
      this.take(source, req, res).catch((error: unknown) => this.failed(res, error));
    };
    server.removeAllListeners('request');
    server.on('request', listener);
    this.server = server;
    this.listener = listener;
    this.logger.log(`Webhook intake mounted on the HTTP server at POST ${this.base}:source`);
  }

  onApplicationShutdown(): void {
    if (!this.server || !this.listener) return;
    this.server.off('request', this.listener);
    for (const listener of this.original) this.server.on('request', listener);
    this.server = undefined;
  }

  private async take(sourceName: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const admitted = this.intake.admit(sourceName, clientAddress(req, this.trustProxy));
    if ('status' in admitted) return writeReply(res, this.intake.refused(sourceName, admitted, started), bodyReceived(req));
    const read = await readBody(req, admitted.maxBodyBytes, admitted.maxBodyBytes * DRAIN_FACTOR);
    if (read.kind === 'aborted') return;
    if (read.kind === 'too-large') {
      const reply = this.intake.refused(sourceName, replies.tooLarge(admitted.maxBodyBytes), started);
      return writeReply(res, reply, read.drained);
    }
    writeReply(res, await this.intake.complete(admitted, read.body, req.headers, started), true);
  }

  private failed(res: ServerResponse, error: unknown): void {
    this.logger.error(messages.intakeFailed(error instanceof Error ? error.message : String(error)));
    writeReply(res, replies.internal(), false);
  }
}
