import { Controller, Get, Header, NotFoundException, Param, UseFilters } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { DashboardFigures } from './dashboard-figures.service.js';
import { DashboardPageFilter } from './dashboard-page.filter.js';
import { messages } from './dashboard.messages.js';
import { RunsService } from './runs.service.js';
import { dashboardPage } from './views/dashboard-page.js';
import { eventPage } from './views/event-page.js';
import { runPage } from './views/run-page.js';

const HTML = 'text/html; charset=utf-8';

/** The pages: the live dashboard at `/`, a run and a webhook event, linked both ways. HTML, so not in /docs. */
@Controller()
@UseFilters(DashboardPageFilter)
export class DashboardPagesController {
  constructor(
    private readonly figures: DashboardFigures,
    private readonly runs: RunsService,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  @ApiExcludeEndpoint()
  async dashboard(): Promise<string> {
    return dashboardPage(await this.figures.read());
  }

  @Get('runs/:id')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  @ApiExcludeEndpoint()
  async run(@Param('id') id: string): Promise<string> {
    const run = await this.runs.get(id);
    if (!run) throw new NotFoundException(messages.runNotFound(id));
    return runPage(run);
  }

  @Get('events/:eventId')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  @ApiExcludeEndpoint()
  async event(@Param('eventId') eventId: string): Promise<string> {
    const event = await this.runs.event(eventId);
    if (!event) throw new NotFoundException(messages.eventNotFound(eventId));
    return eventPage(event);
  }
}
