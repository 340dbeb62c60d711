import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { WebhookIntakeService } from './webhook-intake.service.js';
import { clientAddress } from './client-address.js';
import { replies } from './intake-replies.js';
import { intakeBase, sourceSegment } from './intake-path.js';
import { writeReply } from './reply-writer.js';
import { RESOLVED_WEBHOOK_OPTIONS, WEBHOOK_ROUTE } from '../webhook.constants.js';
import { messages } from '../webhook.messages.js';
import type { ResolvedWebhookOptions } from '../webhook.options.js';
import type { WebhookRoute } from '../interfaces/webhook-module-options.interface.js';

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
    @Inject(RESOLVED_WEBHOOK_OPTIONS) options: ResolvedWebhookOptions,
  ) {
    this.trustProxy = options.trustProxy;
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
      this.intake
        .receive({ source, headers: req.headers, ip: clientAddress(req, this.trustProxy), request: req })
        .then((reply) => reply && writeReply(res, reply))
        .catch((error: unknown) => this.failed(res, error));
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

  private failed(res: ServerResponse, error: unknown): void {
    this.logger.error(messages.intakeFailed(error instanceof Error ? error.message : String(error)));
    writeReply(res, replies.internal());
  }
}
