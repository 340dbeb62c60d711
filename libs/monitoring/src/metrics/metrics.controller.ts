import { Controller, Get, NotFoundException, Res, type Type } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { MonitoringMetrics } from './monitoring-metrics.service.js';

/**
 * The text exposition at `path`, on Express and Fastify; 404 when metrics are off (forRootAsync
 * mounts the route before its factory decides).
 */
export function createMetricsController(path: string): Type<unknown> {
  @Controller()
  class MetricsController {
    constructor(private readonly metrics: MonitoringMetrics, private readonly adapterHost: HttpAdapterHost) {}

    @Get(path)
    async scrape(@Res({ passthrough: true }) response: unknown): Promise<string> {
      if (!this.metrics.enabled) throw new NotFoundException();
      const body = await this.metrics.metrics();
      this.adapterHost.httpAdapter.setHeader(response, 'Content-Type', this.metrics.contentType);
      return body;
    }
  }
  return MetricsController;
}
