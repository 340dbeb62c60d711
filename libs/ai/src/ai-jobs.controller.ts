import { Body, Controller, Get, Inject, Param, Post, Res, type Type } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { SsrfBlockedError } from '@aiwire/core';
import { messages } from './ai.messages.js';
import { AiConfigurationError } from './errors/ai-configuration.error.js';
import type { AiJobRequest } from './interfaces/ai-job.interface.js';
import { AiJobStore } from './jobs/ai-job.store.js';
import { AiJobsService } from './jobs/ai-jobs.service.js';

/** What `crypto.randomUUID()` draws; nothing else can be a route job's id. */
const DRAWN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * `POST /{path}/jobs` (a chat request plus optional `callbackUrl`) → 202 `{ jobId }`, the id drawn
 * by the server; `GET /{path}/jobs/:id` → 202 while queued or running, 200 once completed or
 * failed, 404 unknown. The id is the only key to a result, so callers never choose it: a chosen
 * id could squat a job trusted code submits later, or name one it submitted (`order-42`) to read it.
 * A class per path, because Nest reads a controller's path from its decorator.
 */
export function createAiJobsController(path: string): Type<unknown> {
  @Controller(path)
  class AiJobsController {
    constructor(
      @Inject(AiJobsService) private readonly jobs: AiJobsService,
      @Inject(AiJobStore) private readonly store: AiJobStore,
      @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    ) {}

    @Post('jobs')
    async submit(@Body() body: unknown, @Res() res: unknown): Promise<void> {
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return this.reply(res, 400, { error: 'invalid_request', message: messages.routeBodyNotObject() });
      const { callbackUrl, ...request } = body as AiJobRequest & { callbackUrl?: unknown };
      if ('jobId' in request) return this.reply(res, 400, { error: 'invalid_request', message: messages.routeJobIdRefused() });
      if (callbackUrl !== undefined && typeof callbackUrl !== 'string') return this.reply(res, 400, { error: 'invalid_request', message: messages.routeCallbackUrlNotString() });
      try {
        const submitted = await this.jobs.submit(request, callbackUrl === undefined ? {} : { callbackUrl });
        this.reply(res, 202, submitted);
      } catch (error) {
        if (error instanceof SsrfBlockedError) return this.reply(res, 400, { error: 'callback_url_refused', message: error.message });
        if (error instanceof AiConfigurationError) return this.reply(res, 400, { error: 'invalid_request', message: error.message });
        throw error;
      }
    }

    @Get('jobs/:id')
    async get(@Param('id') id: string, @Res() res: unknown): Promise<void> {
      // A job whose id a caller chose (AiJobsService.submit with { jobId }) answers as unknown.
      const job = DRAWN_ID.test(id) ? await this.store.getIfIdDrawn(id) : undefined;
      if (!job) return this.reply(res, 404, { error: 'not_found', message: messages.routeJobNotFound() });
      this.reply(res, job.status === 'queued' || job.status === 'running' ? 202 : 200, job);
    }

    private reply(res: unknown, status: number, body: unknown): void {
      this.adapterHost.httpAdapter.reply(res, body, status);
    }
  }
  return AiJobsController;
}
