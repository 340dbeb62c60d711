import { Controller, Get, Header, Param, Query, Req, UseFilters, UseGuards, VERSION_NEUTRAL, type Type } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AdminGuard } from '../admin/admin.guard.js';
import { requireFlows, requireRun } from './flow-http-errors.js';
import { FlowPageFilter } from './flow-page.filter.js';
import { parseRunQuery } from './flow-run-query.js';
import { FlowRuns } from './flow-runs.service.js';
import { recentGraph } from './recent-graph.js';
import { runPage } from './views/run-page.js';
import { runsPage } from './views/runs-page.js';

const HTML = 'text/html; charset=utf-8';

/**
 * The run view's pages under `{path}/flows`: server-rendered HTML that works without JavaScript,
 * links relative to the page (a global prefix or a proxy's path keeps working). Behind `AdminGuard`.
 */
export function createFlowsPagesController(path: string): Type<unknown> {
  @Controller({ path: `${path}/flows`, version: VERSION_NEUTRAL })
  @UseGuards(AdminGuard)
  @UseFilters(FlowPageFilter)
  class FlowsPagesController {
    constructor(
      private readonly runs: FlowRuns,
      private readonly adapterHost: HttpAdapterHost,
    ) {}

    /** The runs, newest first: `?flow=&status=` from the filter form (empty fields ignored), `offset`, `limit`. */
    @Get()
    @Header('Content-Type', HTML)
    @Header('Cache-Control', 'no-store')
    async list(@Query() query: Record<string, unknown>, @Req() request: unknown): Promise<string> {
      const filter = parseRunQuery(query, true);
      const list = await (await requireFlows(this.runs)).service.list(filter);
      const url = String(this.adapterHost.httpAdapter.getRequestUrl(request) ?? '').split('?')[0] ?? '';
      return runsPage(list, filter, { base: url.endsWith('/') ? '' : 'flows/' });
    }

    @Get('runs/:id')
    @Header('Content-Type', HTML)
    @Header('Cache-Control', 'no-store')
    async run(@Param('id') id: string): Promise<string> {
      const flows = await requireFlows(this.runs);
      const run = await requireRun(flows, id, path);
      return runPage(run, await recentGraph(flows, run.flow));
    }
  }
  return FlowsPagesController;
}
