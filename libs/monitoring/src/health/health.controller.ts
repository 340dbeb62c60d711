import { Controller, Get, NotFoundException, VERSION_NEUTRAL, type Type } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { HealthChecks } from './health-checks.js';

/**
 * `{path}/live` and `{path}/ready` in terminus' shape (503 when a check is down); 404 when health
 * is off (forRootAsync mounts the routes before its factory decides). A class per path, because
 * Nest reads a controller's path from its decorator.
 */
export function createHealthController(path: string): Type<unknown> {
  @Controller({ path, version: VERSION_NEUTRAL })
  class HealthController {
    constructor(
      private readonly health: HealthCheckService,
      private readonly checks: HealthChecks,
    ) {}

    @Get('live')
    @HealthCheck()
    live(): Promise<HealthCheckResult> {
      if (!this.checks.options) throw new NotFoundException();
      return this.health.check(this.checks.liveness());
    }

    @Get('ready')
    @HealthCheck()
    ready(): Promise<HealthCheckResult> {
      if (!this.checks.options) throw new NotFoundException();
      return this.health.check(this.checks.readiness(this.checks.options));
    }
  }
  return HealthController;
}
