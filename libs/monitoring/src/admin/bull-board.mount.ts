import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import { MONITORING_ROUTES } from '../monitoring.constants.js';
import type { ResolvedMonitoringRoutes } from '../monitoring.options.js';
import { BullQueues } from '../queues/bull-queues.js';
import { AdminAccess, type AdminDenial } from './admin-access.js';
import { loadBullBoard, type BullBoardKit, type BullBoardServerAdapter } from './bull-board.loader.js';
import { httpContext } from './http-context.js';
import { adminMessages } from './admin.messages.js';
import { mountOnExpress, mountOnFastify, type Reply, type ServedBy } from './raw-mount.js';

/**
 * The queue UI at `{admin}/queues`: @bull-board/api with its Express or Fastify adapter, mounted
 * on the server itself behind `AdminAccess`, showing every Bull queue `BullQueues` finds. Mounted
 * in onModuleInit: the options are resolved (forRootAsync too), every queue exists, Nest's routes
 * are registered and its 404 handler is not yet. Without bull-board the path answers 501.
 */
@Injectable()
export class BullBoardMount implements OnModuleInit {
  private readonly logger = new Logger(BullBoardMount.name);

  constructor(
    private readonly access: AdminAccess,
    private readonly queues: BullQueues,
    private readonly adapterHost: HttpAdapterHost,
    private readonly appConfig: ApplicationConfig,
    @Inject(MONITORING_ROUTES) private readonly routes: ResolvedMonitoringRoutes,
  ) {}

  async onModuleInit(): Promise<void> {
    const adapter = this.adapterHost.httpAdapter;
    const admin = this.routes.admin;
    // Admin off, mounted nowhere (forRootAsync's `routes.admin: false`), or an application context without HTTP.
    if (!this.access.options || admin === undefined || !adapter) return;
    const platform = adapter.getType();
    const path = withGlobalPrefix(this.appConfig.getGlobalPrefix(), `${admin}/queues`);
    const loaded = await loadBullBoard(platform);
    if ('unavailable' in loaded) this.logger.warn(loaded.unavailable);
    const served: ServedBy = 'kit' in loaded ? { board: this.board(loaded.kit, path) } : { unavailable: loaded.unavailable };
    const guard = (request: unknown, response: unknown) => this.guard(request, response);
    if (platform === 'express') mountOnExpress(adapter.getInstance(), path, guard, served);
    else if (platform === 'fastify') mountOnFastify(adapter.getInstance(), path, guard, served);
  }

  private board(kit: BullBoardKit, path: string): BullBoardServerAdapter {
    const serverAdapter = new kit.ServerAdapter();
    serverAdapter.setBasePath(path);
    kit.createBullBoard({
      queues: this.queues.all().map((queue) => new kit.BullAdapter(queue)),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'aiwire queues' } },
    });
    return serverAdapter;
  }

  /** The answer to send instead of the UI, or undefined to let the request through. */
  private async guard(request: unknown, response: unknown): Promise<Reply | undefined> {
    try {
      const denial: AdminDenial | undefined = await this.access.check(httpContext(request, response));
      return denial && { status: denial.status, body: denial.body, headers: denial.headers };
    } catch (error) {
      // As Nest answers a guard's unexpected error on a controller: logged here, nothing of it sent.
      this.logger.error(adminMessages.guardFailed(), error instanceof Error ? error.stack : String(error));
      return { status: 500, body: { statusCode: 500, message: 'Internal server error' } };
    }
  }
}

function withGlobalPrefix(prefix: string, path: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}${path}` : path;
}
