import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards, VERSION_NEUTRAL, type Type } from '@nestjs/common';
import type { FlowRunDetail, FlowRunList } from '@aiwire/flows';
import { AdminGuard } from '../admin/admin.guard.js';
import type { FlowGraph } from './flow-graph-view.js';
import { asHttpError, requireFlows, requireRun } from './flow-http-errors.js';
import { parseReplayBody, parseRunQuery } from './flow-run-query.js';
import { FlowRuns } from './flow-runs.service.js';
import { recentGraph } from './recent-graph.js';

/**
 * The run view's JSON API under `{path}/flows/api`, behind `AdminGuard` (404 when the admin is
 * off); 501 when the app has no FlowsModule. The CLI reads runs through it.
 */
export function createFlowsApiController(path: string): Type<unknown> {
  @Controller({ path: `${path}/flows/api`, version: VERSION_NEUTRAL })
  @UseGuards(AdminGuard)
  class FlowsApiController {
    constructor(private readonly runs: FlowRuns) {}

    /** `?flow=&status=&since=&offset=&limit=`, newest first. */
    @Get('runs')
    async list(@Query() query: Record<string, unknown>): Promise<FlowRunList> {
      const filter = parseRunQuery(query);
      return (await requireFlows(this.runs)).service.list(filter);
    }

    @Get('runs/:id')
    async get(@Param('id') id: string): Promise<FlowRunDetail> {
      return requireRun(await requireFlows(this.runs), id, path);
    }

    /** `{ fromStep? }`: re-runs from that step (default: the failed one); earlier steps are not repeated. */
    @Post('runs/:id/replay')
    @HttpCode(202)
    async replay(@Param('id') id: string, @Body() body: unknown): Promise<{ runId: string }> {
      const options = parseReplayBody(body);
      const flows = await requireFlows(this.runs);
      try {
        await flows.service.replay(id, options);
      } catch (error) {
        throw asHttpError(flows, error);
      }
      return { runId: id };
    }

    /** `cancelled: false` when the run had ended already. */
    @Post('runs/:id/cancel')
    @HttpCode(200)
    async cancel(@Param('id') id: string): Promise<{ cancelled: boolean }> {
      const flows = await requireFlows(this.runs);
      await requireRun(flows, id, path);
      try {
        return { cancelled: await flows.service.cancel(id) };
      } catch (error) {
        throw asHttpError(flows, error);
      }
    }

    @Get('flows/:flow/graph')
    async graph(@Param('flow') flow: string): Promise<FlowGraph> {
      return recentGraph(await requireFlows(this.runs), flow);
    }
  }
  return FlowsApiController;
}
