import { Module } from '@nestjs/common';
import { DashboardApiController } from './dashboard-api.controller.js';
import { DashboardFigures } from './dashboard-figures.service.js';
import { DashboardPagesController } from './dashboard-pages.controller.js';
import { RunsApiController } from './runs-api.controller.js';
import { RunsService } from './runs.service.js';

/** The dashboard at `/` (live through server-sent events), its figures as JSON, and the runs ⇄ events API and pages. */
@Module({
  controllers: [DashboardPagesController, DashboardApiController, RunsApiController],
  providers: [DashboardFigures, RunsService],
})
export class DashboardModule {}
