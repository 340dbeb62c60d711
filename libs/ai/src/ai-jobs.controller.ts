import { Body, Controller, Get, Inject, Param, Post, Res, type Type } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { SsrfBlockedError } from '@aiwire/core';
import { AiConfigurationError } from './errors/ai-configuration.error.js';
import type { AiJobRequest } from './interfaces/ai-job.interface.js';
import { AiJobsService } from './jobs/ai-jobs.service.js';

/**
 * `POST /{path}/jobs` (a chat request plus optional `callbackUrl` and `jobId`) → 202 `{ jobId }`;
 * `GET /{path}/jobs/:id` → 202 while queued or running, 200 once completed or failed, 404 unknown.
 * A class per path, because Nest reads a controller's path from its decorator.
 */
export function createAiJobsController(path: string): Type<unknown> {
  @Controller(path)
  class AiJobsController {
    constructor(
      @Inject(AiJobsService) private readonly jobs: AiJobsService,
      @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    ) {}

    @Post('jobs')
    async submit(@Body() body: unknown, @Res() res: unknown): Promise<void> {
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return this.reply(res, 400, { error: 'invalid_request', message: 'The body must be a JSON object: a chat request with messages.' });
      const { callbackUrl, jobId, ...request } = body as AiJobRequest & { callbackUrl?: unknown; jobId?: unknown };
      if ((callbackUrl !== undefined && typeof callbackUrl !== 'string') || (jobId !== undefined && typeof jobId !== 'string')) {
        return this.reply(res, 400, { error: 'invalid_request', message: 'callbackUrl and jobId must be strings.' });
      }
      try {
        const submitted = await this.jobs.submit(request, { ...(callbackUrl !== undefined && { callbackUrl }), ...(jobId !== undefined && { jobId }) });
        this.reply(res, 202, submitted);
      } catch (error) {
        if (error instanceof SsrfBlockedError) return this.reply(res, 400, { error: 'callback_url_refused', message: error.message });
        if (error instanceof AiConfigurationError) return this.reply(res, 400, { error: 'invalid_request', message: error.message });
        throw error;
      }
    }

    @Get('jobs/:id')
    async get(@Param('id') id: string, @Res() res: unknown): Promise<void> {
      const job = await this.jobs.get(id);
      if (!job) return this.reply(res, 404, { error: 'not_found', message: `No AI job ${id} (unknown, or its result expired).` });
      this.reply(res, job.status === 'queued' || job.status === 'running' ? 202 : 200, job);
    }

    private reply(res: unknown, status: number, body: unknown): void {
      this.adapterHost.httpAdapter.reply(res, body, status);
    }
  }
  return AiJobsController;
}
